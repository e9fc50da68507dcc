package com.executionledger.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The ingest and the lag again with more instances of each side beside the one pair of the same
 * run: on one machine they add no speed, and the figures show what coordinating them costs
 * (Kafka's rebalancing, the projection's segments spread over the query sides).
 */
final class InstancesBenchmark {

    private final Database database;
    private final Services services;
    private final IngestBenchmark ingest;
    private final LagBenchmark lag;
    private final Report report;

    InstancesBenchmark(Database database, Services services, IngestBenchmark ingest, LagBenchmark lag, Report report) {
        this.database = database;
        this.services = services;
        this.ingest = ingest;
        this.lag = lag;
        this.report = report;
    }

    /**
     * @param onePair the one pair's figures of this run, to compare with
     * @param runLag  whether the lag phase ran for the one pair too
     */
    void run(int instances, IngestBenchmark.Measured onePair, int events, boolean runLag, int lagWarmUp) throws Exception {
        services.addInstances(instances - 1);
        String shape = instances + "+" + instances;
        List<Long> claims = awaitClaimsSpread();
        ingest.measure("warm" + instances, 4, Math.max(events / 5, 20_000)); // the new JVMs' JIT, as the first pair had
        IngestBenchmark.Measured measured = ingest.measure("inst" + instances, 3, events);
        report.add("ingest with " + shape + " instances (" + measured.describe() + ")", Report.rate(measured.rate()),
                Report.rate(onePair.rate()) + " with 1+1, this run", Report.ratio(measured.rate(), onePair.rate()), "");
        report.add("CPU per ingested event with " + shape + ": all command sides / all query sides",
                measured.cpu().perUnit(measured.published().size()),
                onePair.cpu().perUnit(onePair.published().size()) + " with 1+1", "", "");
        report.add("segments held by each query side with " + shape, claims.toString(), "", "", "spread evenly");
        report.note(String.format("With %s instances %d rows of %d differ from the contract.", shape,
                measured.mismatches(), measured.executions()));
        if (runLag) {
            lag.run(2_000, lagWarmUp, "lag" + instances, " with " + shape);
        }
    }

    /** Waits until every query side holds its share of the segments; answers each one's count, the first pair's first. */
    private List<Long> awaitClaimsSpread() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            List<Long> held = new ArrayList<>();
            for (long pid : services.querySidePids()) {
                held.add(database.count("SELECT count(*) FROM token_entry WHERE processor_name = 'executions' AND owner LIKE '"
                        + pid + "@%'"));
            }
            long segments = database.count("SELECT count(*) FROM token_entry WHERE processor_name = 'executions'");
            long share = (segments + held.size() - 1) / held.size();
            if (held.stream().allMatch(count -> count >= segments / held.size() && count <= share)
                    || System.nanoTime() > deadline) {
                return held;
            }
            Thread.sleep(200);
        }
    }
}
