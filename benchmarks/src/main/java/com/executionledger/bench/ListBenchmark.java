package com.executionledger.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 32 keep-alive clients against {@code GET /v1/executions} over a read model of a million rows,
 * one organization holding half: page 1, offsets up to 10,000, the deepest page by cursor,
 * filtered first pages and the change feed; beside each, the same query run by 32 JDBC
 * connections straight at PostgreSQL.
 */
final class ListBenchmark {

    private static final int CLIENTS = 32;
    private static final String ORGANIZATION = "org_big";
    private static final String COLUMNS = """
            id, organization_id, status, payment_status, status_reason, workflow_id, run_id, idempotency_key,
            external_ref, initiated_by_id, initiated_by_type, source_entity_id, source_entity_type, source_system,
            checkout_session_id, order_id, request_payload::text, response_payload::text, client_safe_metadata::text,
            created_at, started_at, finished_at, updated_at""";

    private final Database database;
    private final Services services;
    private final Api api;
    private final Report report;
    private int runs = 1;

    ListBenchmark(Database database, Services services, Api api, Report report) {
        this.database = database;
        this.services = services;
        this.api = api;
        this.report = report;
    }

    /** A request shape: what the API client sends, and the same query for the database alone. */
    private interface Scenario {
        /** The request's path and query. */
        String path();

        void runAlone(PreparedStatement statement) throws Exception;
    }

    /** Each request shape {@code runs} times, the API and the query alone one after the other in each run. */
    void run(int rows, int warmUpSeconds, int seconds, int runs) throws Exception {
        this.runs = runs;
        seed(rows);
        // each client its own token, as separate API clients have: a token's rate is limited (1,000/s by default)
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            tokens.add(api.tokenFor(ORGANIZATION));
        }
        Instant deepCreatedAt;
        String deepId;
        try (Connection connection = database.connect(); PreparedStatement deepest = connection.prepareStatement(
                "SELECT created_at, id FROM executions WHERE organization_id = ? ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")) {
            deepest.setString(1, ORGANIZATION);
            deepest.setInt(2, rows / 2 - 21);
            ResultSet rs = deepest.executeQuery();
            rs.next();
            deepCreatedAt = rs.getTimestamp(1).toInstant();
            deepId = rs.getString(2);
        }
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (ChronoUnit.MICROS.between(Instant.EPOCH, deepCreatedAt) + ":" + deepId).getBytes(StandardCharsets.UTF_8));
        String pageSql = "SELECT " + COLUMNS + " FROM executions JOIN (SELECT id AS page_id FROM executions"
                + " WHERE organization_id = ? ORDER BY created_at DESC, id DESC LIMIT 21 OFFSET ?) page ON id = page_id"
                + " ORDER BY created_at DESC, id DESC";
        String cursorSql = "SELECT " + COLUMNS + " FROM executions WHERE organization_id = ? AND (created_at, id) < (?, ?) "
                + "ORDER BY created_at DESC, id DESC LIMIT 21";

        measure("list page 1", tokens, warmUpSeconds, seconds, pageSql, new Scenario() {
            public String path() {
                return "/v1/executions?limit=20";
            }

            public void runAlone(PreparedStatement statement) throws Exception {
                statement.setString(1, ORGANIZATION);
                statement.setLong(2, 0);
                drain(statement);
            }
        }, ">= 5,000 req/s, p99 <= 20 ms");
        measure("list at offsets up to 10,000", tokens, warmUpSeconds, seconds, pageSql, new Scenario() {
            public String path() {
                return "/v1/executions?limit=20&offset=" + ThreadLocalRandom.current().nextInt(10_001);
            }

            public void runAlone(PreparedStatement statement) throws Exception {
                statement.setString(1, ORGANIZATION);
                statement.setLong(2, ThreadLocalRandom.current().nextInt(10_001));
                drain(statement);
            }
        }, "p99 <= 50 ms");
        measure("list, deepest page by cursor (row " + String.format("%,d", rows / 2 - 20) + " of " + ORGANIZATION + ")",
                tokens, warmUpSeconds, seconds, cursorSql, new Scenario() {
                    public String path() {
                        return "/v1/executions?limit=20&cursor=" + cursor;
                    }

                    public void runAlone(PreparedStatement statement) throws Exception {
                        statement.setString(1, ORGANIZATION);
                        // typed timestamptz, as the query side binds it (TimestampParameters): an untyped
                        // timestamp costs the driver a round trip of its own per execution
                        statement.setObject(2, OffsetDateTime.ofInstant(deepCreatedAt, ZoneOffset.UTC));
                        statement.setString(3, deepId);
                        drain(statement);
                    }
                }, "p99 <= 10 ms at any depth, p99 <= 1.5x the query alone");
        measureFilters(tokens, warmUpSeconds, seconds);
        report.note("Offsets beyond 10,000 answer 400 and point to the cursor: one request cannot make the database walk"
                + " half a million rows.");
        report.note("Nothing writes during the list phase, so the query side's first pages and offset landmarks stay"
                + " current throughout; while an organization changes, its offsets walk from the top, as the query alone"
                + " does.");
    }

    /**
     * Filtered first pages (a status of eight; a workflow of twenty with a time bound), which no
     * kept page serves, and the change feed from a random point of the organization's changes.
     */
    private void measureFilters(List<String> tokens, int warmUpSeconds, int seconds) throws Exception {
        String filteredSql = "SELECT " + COLUMNS + " FROM executions WHERE organization_id = ? AND status = ANY (?)"
                + " ORDER BY created_at DESC, id DESC LIMIT 21";
        measure("list filtered by status (1 of 8)", tokens, warmUpSeconds, seconds, filteredSql, new Scenario() {
            public String path() {
                return "/v1/executions?limit=20&status=workflow_failed";
            }

            public void runAlone(PreparedStatement statement) throws Exception {
                statement.setString(1, ORGANIZATION);
                statement.setArray(2, statement.getConnection().createArrayOf("varchar", new String[] {"workflow_failed"}));
                drain(statement);
            }
        }, "p99 <= 20 ms, p99 <= 1.5x the query alone");
        String workflowSql = "SELECT " + COLUMNS + " FROM executions WHERE organization_id = ? AND workflow_id = ?"
                + " AND created_at > ? ORDER BY created_at DESC, id DESC LIMIT 21";
        OffsetDateTime since = OffsetDateTime.parse("2026-01-02T00:00:00Z");
        measure("list filtered by workflow (1 of 20) and createdAfter", tokens, warmUpSeconds, seconds, workflowSql,
                new Scenario() {
                    public String path() {
                        return "/v1/executions?limit=20&workflowId=wf_7&createdAfter=2026-01-02T00:00:00Z";
                    }

                    public void runAlone(PreparedStatement statement) throws Exception {
                        statement.setString(1, ORGANIZATION);
                        statement.setString(2, "wf_7");
                        statement.setObject(3, since);
                        drain(statement);
                    }
                }, "p99 <= 20 ms, p99 <= 1.5x the query alone");
        long[] feed = feedRange();
        String feedSql = "SELECT " + COLUMNS + ", changed_in::text AS t, change_seq AS s FROM executions"
                + " WHERE organization_id = ? AND (changed_in, change_seq) > (?::xid8, ?)"
                + " AND changed_in < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY changed_in, change_seq LIMIT 21";
        measure("change feed from a random point", tokens, warmUpSeconds, seconds, feedSql, new Scenario() {
            private long sequence() {
                return feed[1] + ThreadLocalRandom.current().nextLong(feed[2] - feed[1]);
            }

            public String path() {
                return "/v1/execution-changes?limit=20&cursor=" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("c" + feed[0] + ":" + sequence()).getBytes(StandardCharsets.UTF_8));
            }

            public void runAlone(PreparedStatement statement) throws Exception {
                statement.setString(1, ORGANIZATION);
                statement.setString(2, Long.toString(feed[0]));
                statement.setLong(3, sequence());
                drain(statement);
            }
        }, "p99 <= 20 ms, p99 <= 1.5x the query alone");
    }

    /** The seeding transaction, and the first and last sequence numbers of the organization's rows in the feed. */
    private long[] feedRange() throws Exception {
        try (Connection connection = database.connect(); PreparedStatement range = connection.prepareStatement(
                "SELECT min(changed_in::text)::bigint, min(change_seq), max(change_seq) FROM executions WHERE organization_id = ?")) {
            range.setString(1, ORGANIZATION);
            ResultSet rs = range.executeQuery();
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private void seed(int rows) throws Exception {
        database.execute("""
                INSERT INTO executions (id, organization_id, status, payment_status, workflow_id, run_id, idempotency_key,
                    external_ref, initiated_by_id, initiated_by_type, source_system, order_id, request_payload,
                    client_safe_metadata, response_payload, created_at, started_at, finished_at, updated_at)
                SELECT 'seed_' || g, CASE WHEN g % 2 = 0 THEN 'org_big' ELSE 'org_small_' || (g % 1000) END,
                    (ARRAY['awaiting_payment', 'payment_confirmed', 'workflow_queued', 'workflow_running', 'workflow_waiting',
                           'workflow_succeeded', 'workflow_failed', 'workflow_cancelled'])[g % 8 + 1],
                    'paid', 'wf_' || (g % 20), 'run_' || g, 'idem_' || g, 'ext_' || g,
                    'user_' || (g % 1000), 'user', 'checkout', 'ord_' || g,
                    jsonb_build_object('documentUrl', 'https://files.example.com/' || g || '.pdf', 'pages', g % 50),
                    '{"plan":"metered"}'::jsonb, jsonb_build_object('pages', g % 50, 'status', 'ok'),
                    timestamptz '2026-01-01' + g * interval '1 second', timestamptz '2026-01-01' + g * interval '1 second' + interval '5 seconds',
                    timestamptz '2026-01-01' + g * interval '1 second' + interval '60 seconds',
                    timestamptz '2026-01-01' + g * interval '1 second' + interval '60 seconds'
                FROM generate_series(1, """ + rows + ") g");
        // what autovacuum does to a table this size soon after it is loaded: without the visibility map
        // every index-only scan behind an offset also reads the heap (4.9 ms against 1.9 ms at offset 9,000)
        database.execute("VACUUM ANALYZE executions");
    }

    private void measure(String name, List<String> tokens, int warmUpSeconds, int seconds, String sql, Scenario scenario, String target) throws Exception {
        for (int run = 1; run <= runs; run++) {
            // the request paths are compiled in the first run's warm-up; later runs need only settle
            int warmUp = run == 1 ? warmUpSeconds : Math.min(warmUpSeconds, 5);
            // the query side's CPU per request over the measured seconds: steadier than rates on a shared machine
            CompletableFuture<CpuTime> cpuWhenWarm = CompletableFuture.supplyAsync(services::cpuTime,
                    CompletableFuture.delayedExecutor(warmUp, TimeUnit.SECONDS));
            LoadResult http = api.load(tokens).run(CLIENTS, warmUp, seconds, scenario::path);
            CpuTime throughApi = services.cpuTime().since(cpuWhenWarm.join());
            // the query alone warms up for as long as it is measured: its CPU from then on
            CompletableFuture<CpuTime> aloneWhenWarm = CompletableFuture.supplyAsync(services::cpuTime,
                    CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS));
            LoadResult alone = runClients(seconds, () -> {
                Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql);
                return () -> scenario.runAlone(statement);
            });
            CpuTime queryAlone = services.cpuTime().since(aloneWhenWarm.join());
            double p99 = http.latencies().percentileMillis(99);
            double aloneP99 = alone.latencies().percentileMillis(99);
            report.add(name + ", " + CLIENTS + " clients: req/s, p50 / p99; CPU per request: query side, PostgreSQL",
                    Report.rate(http.rate()) + ", " + Report.ms(http.latencies().percentileMillis(50)) + " / "
                            + Report.ms(p99) + String.format("; %.0f µs", CpuTime.micros(throughApi.query(), http.calls()))
                            + databaseMicros(throughApi, http.calls()),
                    Report.rate(alone.rate()) + ", " + Report.ms(alone.latencies().percentileMillis(50)) + " / "
                            + Report.ms(aloneP99) + databaseMicros(queryAlone, alone.calls()) + " the query alone",
                    "p99 " + Report.ratio(p99, aloneP99) + ", rate " + Report.ratio(http.rate(), alone.rate()), target);
        }
    }

    /** PostgreSQL's CPU per call, where the bench found its processes: ", 120 µs". */
    private static String databaseMicros(CpuTime used, long calls) {
        return used.database() == null ? "" : String.format(", %.0f µs", CpuTime.micros(used.database(), calls));
    }

    private static void drain(PreparedStatement statement) throws Exception {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private interface CallFactory {
        Call create() throws Exception;
    }

    /**
     * The database alone: warms up as long as it measures (only the JDBC clients here need
     * compiling), then runs the calls from CLIENTS threads, one connection each, for the given seconds.
     */
    private static LoadResult runClients(int seconds, CallFactory factory) throws Exception {
        Latencies latencies = new Latencies();
        AtomicLong calls = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long warmEnd = System.nanoTime() + seconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        for (int i = 0; i < CLIENTS; i++) {
            Call call = factory.create();
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        long started = System.nanoTime();
                        if (started >= end) {
                            return;
                        }
                        call.run();
                        if (started >= warmEnd) {
                            latencies.record(System.nanoTime() - started);
                            calls.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new LoadResult(calls.get(), seconds, latencies);
    }
}
