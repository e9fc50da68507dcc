package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./ledger} as a user runs it, with its embedded servers: the data outlives a stop and a
 * new start (the demo's token still answers, the same executions are listed), and no process of
 * it outlives its launcher, stopped with SIGTERM or killed with -9. Each run's output is kept in
 * {@code target/ledger-script/}.
 */
class LedgerScriptIT {

    private static final Path SCRIPT = Path.of("..", "ledger").toAbsolutePath().normalize();
    private static final Path RUNS = Path.of("target", "ledger-script").toAbsolutePath();
    private static final Pattern DEMO_TOKEN = Pattern.compile("Demo token:\\s+(elt_\\S+)");
    private static final String ADMIN_TOKEN = "adm_script_test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path data = RUNS.resolve("data");
    private final int apiPort = freePort();
    private final int commandPort = freePort();
    private final List<Process> launched = new ArrayList<>();
    private int runs;

    @AfterEach
    void nothingLeftRunning() {
        launched.forEach(launcher -> launcher.descendants().forEach(ProcessHandle::destroyForcibly));
        launched.forEach(Process::destroyForcibly);
    }

    @Test
    void theLedgerKeepsItsDataAcrossRestartsAndLeavesNoProcessBehindWhateverStopsIt() throws Exception {
        Run first = start("--fresh");
        String token = first.matched(DEMO_TOKEN);
        long demoExecutions = DemoStream.events(Instant.now(), LedgerApp.DEMO_EXECUTIONS).stream()
                .filter(event -> event.header().organizationId().equals(DemoStream.DEMO_ORGANIZATION))
                .map(event -> event.header().executionId()).distinct().count();
        await().atMost(Duration.ofSeconds(120)).alias("the demo's executions listed")
                .until(() -> listedIds(token).size() == demoExecutions);
        Set<String> listed = listedIds(token);
        first.stopWith(false);

        Run second = start("--no-demo");
        assertThat(listedIds(token)).as("the first run's token and executions, after a stop and a new start")
                .isEqualTo(listed);
        second.stopWith(true);

        Run third = start("--no-demo");
        assertThat(listedIds(token)).as("after the launcher was killed with -9").isEqualTo(listed);
        third.stopWith(false);
    }

    private Run start(String flag) throws Exception {
        Files.createDirectories(RUNS);
        Path output = RUNS.resolve("run-" + ++runs + ".log");
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), flag).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        // the embedded servers, whatever this machine's environment names
        List.of("LEDGER_DB_URL", "LEDGER_KAFKA_BOOTSTRAP", "DOCKER_HOST").forEach(environment::remove);
        environment.put("LEDGER_SKIP_BUILD", "true");
        environment.put("LEDGER_DATA_DIR", data.toString());
        environment.put("LEDGER_API_PORT", String.valueOf(apiPort));
        environment.put("LEDGER_COMMAND_PORT", String.valueOf(commandPort));
        environment.put("LEDGER_ADMIN_TOKEN", ADMIN_TOKEN);
        Process launcher = builder.start();
        launched.add(launcher);
        await().atMost(Duration.ofSeconds(180)).alias("the banner of " + output)
                .until(() -> Files.readString(output).contains("Execution Ledger is up"));
        return new Run(launcher, output);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private Set<String> listedIds(String token) throws Exception {
        Set<String> ids = new TreeSet<>();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + apiPort
                + "/v1/executions?limit=100")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode item : JSON.readTree(answer.body()).at("/data/items")) {
            ids.add(item.get("id").asText());
        }
        return ids;
    }

    private final class Run {

        private final Process launcher;
        private final Path output;

        Run(Process launcher, Path output) {
            this.launcher = launcher;
            this.output = output;
        }

        String matched(Pattern pattern) throws IOException {
            Matcher matcher = pattern.matcher(Files.readString(output));
            assertThat(matcher.find()).as(pattern + " in " + output).isTrue();
            return matcher.group(1);
        }

        /** SIGTERM (as Ctrl-C) or SIGKILL to the launcher; then nothing it started may be left. */
        void stopWith(boolean kill) throws Exception {
            List<ProcessHandle> started = new ArrayList<>(launcher.descendants().toList());
            started.add(postgres());
            assertThat(started).as("the JVM and the embedded PostgreSQL").hasSizeGreaterThanOrEqualTo(2);
            if (kill) {
                launcher.destroyForcibly();
            } else {
                launcher.destroy();
            }
            await().atMost(Duration.ofSeconds(90)).alias("every process of " + output + " gone")
                    .until(() -> !launcher.isAlive() && started.stream().noneMatch(ProcessHandle::isAlive));
        }

        private ProcessHandle postgres() throws IOException {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow();
        }
    }
}
