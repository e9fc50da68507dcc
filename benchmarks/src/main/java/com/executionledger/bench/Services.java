package com.executionledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The command side and the query side as the production jars, each its own JVM with a 512 MB
 * heap, and a sampler of their heap use through the actuator. More instances of each can join
 * ({@link #addInstances}): they share the database, the topic and the consumer group.
 */
final class Services implements AutoCloseable {

    static final String HEAP_LIMIT = "-Xmx512m";
    private static final ObjectMapper JSON = new ObjectMapper();

    final int commandPort;
    final int apiPort;
    private final Process commandSide;
    private final Process querySide;
    private final List<Process> moreCommandSides = new ArrayList<>();
    private final List<Process> moreQuerySides = new ArrayList<>();
    private final Map<String, String> properties;
    private final Path logs;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final MachineCpu machine;
    private volatile long commandPeakHeap;
    private volatile long queryPeakHeap;

    Services(Map<String, String> properties, Path logs, int commandPort, int apiPort) throws Exception {
        this.commandPort = commandPort;
        this.apiPort = apiPort;
        this.properties = properties;
        this.logs = logs;
        this.machine = MachineCpu.forDatabase(properties.get("spring.datasource.url"));
        Files.createDirectories(logs);
        commandSide = launch("command-side", properties, commandPort, logs);
        querySide = launch("query-side", properties, apiPort, logs);
        try {
            awaitHealthy(commandPort, commandSide);
            awaitHealthy(apiPort, querySide);
        } catch (Exception | Error e) {
            commandSide.destroyForcibly(); // never leave a service behind holding its port
            querySide.destroyForcibly();
            throw e;
        }
        sampler.scheduleAtFixedRate(this::sampleHeaps, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code count} more command sides and query sides (ports 10, 20, ... above the first ones) and waits until they are up. */
    void addInstances(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            Process command = launch("command-side", properties, commandPort + 10 * i, logs);
            Process query = launch("query-side", properties, apiPort + 10 * i, logs);
            moreCommandSides.add(command);
            moreQuerySides.add(query);
            awaitHealthy(commandPort + 10 * i, command);
            awaitHealthy(apiPort + 10 * i, query);
        }
    }

    int instances() {
        return 1 + moreQuerySides.size();
    }

    /** The query sides' process ids, the first one's first: their claims in the token store are named by them. */
    List<Long> querySidePids() {
        List<Long> pids = new ArrayList<>(List.of(querySide.pid()));
        moreQuerySides.forEach(process -> pids.add(process.pid()));
        return pids;
    }

    private static Process launch(String service, Map<String, String> properties, int port, Path logs) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", HEAP_LIMIT));
        // extra JVM options for a profiling run, e.g. an -agentpath; {service} names each service's output
        String extra = System.getenv().getOrDefault("LEDGER_BENCH_JVM_OPTS", "").replace("{service}", service);
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        command.add("--management.endpoints.web.exposure.include=health,metrics");
        command.add("--logging.level.root=WARN");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + "-" + port + ".log").toFile())).start();
    }

    private void awaitHealthy(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("a service exited during start-up; see its log");
            }
            try {
                if (get(port, "/actuator/health").contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("a service did not become healthy in 120 s");
    }

    String get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void sampleHeaps() {
        commandPeakHeap = Math.max(commandPeakHeap, heapUsed(commandPort));
        queryPeakHeap = Math.max(queryPeakHeap, heapUsed(apiPort));
    }

    private long heapUsed(int port) {
        try {
            JsonNode metric = JSON.readTree(get(port, "/actuator/metrics/jvm.memory.used?tag=area:heap"));
            return metric.at("/measurements/0/value").asLong();
        } catch (Exception unavailable) {
            return 0;
        }
    }

    /** CPU time each side has used so far, all its instances together, with the database's and the machine's. */
    CpuTime cpuTime() {
        Duration command = cpuOf(commandSide);
        Duration query = cpuOf(querySide);
        for (Process more : moreCommandSides) {
            command = command.plus(cpuOf(more));
        }
        for (Process more : moreQuerySides) {
            query = query.plus(cpuOf(more));
        }
        return new CpuTime(command, query, machine.database(), MachineCpu.machineBusy());
    }

    private static Duration cpuOf(Process service) {
        return service.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    long commandPeakHeapMb() {
        return commandPeakHeap / (1024 * 1024);
    }

    long queryPeakHeapMb() {
        return queryPeakHeap / (1024 * 1024);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        moreCommandSides.forEach(Process::destroy);
        moreQuerySides.forEach(Process::destroy);
        commandSide.destroy();
        querySide.destroy();
        try {
            commandSide.waitFor(30, TimeUnit.SECONDS);
            querySide.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
