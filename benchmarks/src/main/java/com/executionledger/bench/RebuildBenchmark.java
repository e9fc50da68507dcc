package com.executionledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Replays the whole ledger into the shadow read model, beside the database alone reading the same events. */
final class RebuildBenchmark {

    private final Database database;
    private final Api api;
    private final Report report;

    RebuildBenchmark(Database database, Api api, Report report) {
        this.database = database;
        this.api = api;
        this.report = report;
    }

    void run() throws Exception {
        api.admin("POST", "/admin/read-model/rebuild", null);
        JsonNode progress = api.admin("GET", "/admin/read-model/rebuild", null).get("data");
        while (progress.get("state").asText().equals("RUNNING")) {
            Thread.sleep(500);
            progress = api.admin("GET", "/admin/read-model/rebuild", null).get("data");
        }
        if (!progress.get("state").asText().equals("COMPARED")) {
            throw new IllegalStateException("rebuild ended " + progress);
        }
        double rebuildRate = progress.get("eventsPerSecond").asDouble();
        long events = progress.get("eventsRead").asLong();

        long start = System.nanoTime();
        long read = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1_000);
                ResultSet rs = statement.executeQuery("""
                        SELECT aggregate_identifier, sequence_number, payload_type, payload, meta_data, time_stamp
                        FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number""");
                while (rs.next()) {
                    rs.getBytes(4);
                    read++;
                }
            }
        }
        double readRate = read / ((System.nanoTime() - start) / 1e9);
        report.add("rebuild: replay of the whole ledger into the shadow read model (" + String.format("%,d", events)
                        + " events; " + progress.at("/comparison/differences").asLong() + " differences from live)",
                Report.rate(rebuildRate), Report.rate(readRate) + " database alone, reading the events in that order",
                Report.ratio(rebuildRate, readRate), ">= 100,000/s and >= 0.60");
    }
}
