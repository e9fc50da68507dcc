package com.executionledger.bench;

import com.executionledger.infra.LocalKafka;
import com.executionledger.infra.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark suite: ingest, projection lag, list and rebuild, each beside what the database
 * alone (or a plain consumer) does with the same work in the same run.
 * {@code ./bench [--events N] [--warm-up-events N] [--list-rows N] [--seconds S] [--list-warm-up S] [--lag-warm-up S]
 * [--lag-rate N] [--http-events N] [--phases ingest,lag,rebuild,list,http] [--runs N] [--instances N] [--scale]}:
 * each figure is measured {@code --runs} times (3) and shown as the median with the range; with
 * {@code --instances 2}, the ingest (and the lag, when it runs) again after a second command side and
 * query side have joined; {@code --scale} is ten times the data, once, ingest (after a run of a
 * million with its baselines, which it is compared with) and list.
 */
public final class Benchmarks {

    private static final String USAGE = """
            ./bench [--events N] [--warm-up-events N] [--list-rows N] [--seconds S] [--list-warm-up S]
                    [--lag-warm-up S] [--lag-rate N] [--http-events N] [--phases ingest,lag,rebuild,list,http]
                    [--runs N] [--instances N] [--scale]
            Each figure beside its baseline of the same run, measured --runs times (3): median [range].
            --scale: 10,000,000 events (after a run of 1,000,000 to compare with) and a 5,000,000-row
                     organization, one run of ingest and list; the bench's JVM takes 14 GB of heap for it.""";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = Arrays.asList(args);
        if (flags.contains("--help") || flags.contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        // ten times the data: 10,000,000 events (about 1,870,000 executions) and an organization of 5,000,000 rows, once
        boolean scale = flags.contains("--scale");
        int events = option(flags, "--events", scale ? 10_000_000 : 1_000_000);
        int listRows = option(flags, "--list-rows", scale ? 10_000_000 : 1_000_000);
        int seconds = option(flags, "--seconds", 10);
        // the query side's request paths take about a minute of load to be compiled on two shared cores
        int listWarmUp = option(flags, "--list-warm-up", 40);
        int warmUpEvents = option(flags, "--warm-up-events", 200_000);
        // at 2,000 events/s the JIT still takes a third of each JVM's CPU 20 s in, and a quarter 60 s in
        int lagWarmUp = option(flags, "--lag-warm-up", 60);
        int httpEvents = option(flags, "--http-events", 50_000);
        int instances = option(flags, "--instances", 1);
        // each figure measured this many times in the run, shown as the median and the range
        int runs = option(flags, "--runs", scale ? 1 : 3);
        int lagRate = option(flags, "--lag-rate", 5_000);
        // ingest always runs (the other phases read what it recorded); --phases ingest,list skips the rest
        List<String> phases = List.of(textOption(flags, "--phases", scale ? "ingest,list" : "ingest,lag,rebuild,list,http").split(","));
        Report report = new Report();
        LocalPostgres postgres = LocalPostgres.start();
        LocalKafka kafka = LocalKafka.start(0);
        String databaseUrl = postgres.configured() ? postgres.serverUrl() : postgres.database("bench_" + System.currentTimeMillis() % 100000);
        String machine = machine(databaseUrl, postgres);
        System.out.println(machine);
        String topic = "bench-events-" + System.currentTimeMillis();
        String admin = "adm_bench";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", postgres.user());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("ledger.ingest.topic", topic);
        properties.put("ledger.admin.token", admin);
        properties.put("ledger.ingest.http.sources." + HttpIngestBenchmark.SOURCE, HttpIngestBenchmark.SECRET);
        Database database = new Database(databaseUrl, postgres.user(), postgres.password());
        try (Services services = new Services(properties, Path.of("benchmarks/target/logs"), 18081, 18080)) {
            Api api = new Api(services.apiPort, admin);
            IngestBenchmark ingest = new IngestBenchmark(database, services, kafka.bootstrapServers(), topic, report);
            // the scale run ingests a million first: its rate is what ten million's is held to
            IngestBenchmark.Measured onePair = ingest.run(scale ? List.of(1_000_000, events) : Collections.nCopies(runs, events),
                    warmUpEvents);
            LagBenchmark lag = new LagBenchmark(database, services, api, kafka.bootstrapServers(), topic, report);
            if (phases.contains("lag")) {
                for (int run = 1; run <= runs; run++) {
                    lag.run(lagRate, lagWarmUp, run == 1 ? "lag" : "lagrun" + run, "");
                }
            }
            if (phases.contains("rebuild")) {
                for (int run = 1; run <= runs; run++) {
                    new RebuildBenchmark(database, api, report).run();
                }
            }
            if (phases.contains("list")) {
                new ListBenchmark(database, services, api, report).run(listRows, listWarmUp, seconds, runs);
            }
            if (phases.contains("http")) { // last: its executions would change what the list phase pages over
                for (int run = 1; run <= runs; run++) {
                    new HttpIngestBenchmark(database, services, report).run(onePair.rate(), httpEvents, run);
                }
            }
            if (instances > 1) { // after the others: they measure one pair
                new InstancesBenchmark(database, services, ingest, lag, report)
                        .run(instances, onePair, onePair.published().size(), phases.contains("lag"), lagWarmUp);
            }
            report.add("peak heap, command side", services.commandPeakHeapMb() + " MB", "", "",
                    "within 512 MB (" + Services.HEAP_LIMIT + ")");
            report.add("peak heap, query side", services.queryPeakHeapMb() + " MB", "", "",
                    "within 512 MB (" + Services.HEAP_LIMIT + ")");
        } finally {
            kafka.close();
            postgres.close();
        }
        String markdown = report.markdown("Run of " + Instant.now() + ": `./bench " + String.join(" ", args) + "`\n\n" + machine);
        Files.createDirectories(Path.of("benchmarks/target"));
        Files.writeString(Path.of("benchmarks/target/results.md"), markdown);
        System.out.println("\n" + markdown);
        System.exit(0);
    }

    private static String machine(String databaseUrl, LocalPostgres postgres) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String version;
        try (Connection connection = DriverManager.getConnection(databaseUrl, postgres.user(), postgres.password());
             ResultSet rs = connection.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        }
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory
                + "; Java " + System.getProperty("java.version") + "; PostgreSQL " + version
                + " and Kafka on the same machine; each service in its own JVM with " + Services.HEAP_LIMIT + ".";
    }

    static String textOption(List<String> flags, String name, String fallback) {
        int at = flags.indexOf(name);
        return at >= 0 && at + 1 < flags.size() ? flags.get(at + 1) : fallback;
    }

    static int option(List<String> flags, String name, int fallback) {
        int at = flags.indexOf(name);
        return at >= 0 && at + 1 < flags.size() ? Integer.parseInt(flags.get(at + 1).replace("_", "")) : fallback;
    }
}
