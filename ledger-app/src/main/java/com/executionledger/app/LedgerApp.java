package com.executionledger.app;

import com.executionledger.command.CommandSideApplication;
import com.executionledger.infra.LocalKafka;
import com.executionledger.infra.LocalPostgres;
import com.executionledger.query.auth.ApiTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole ledger in one process: PostgreSQL and Kafka (configured by environment, else
 * embedded), the command side, the query side, a token for a demo organization and, unless
 * {@code --no-demo}, a demo stream published through Kafka. Ctrl-C stops all of it, in order.
 */
public final class LedgerApp {

    private static final Logger log = LoggerFactory.getLogger(LedgerApp.class);
    static final int DEMO_EXECUTIONS = 60;

    private LedgerApp() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = Arrays.asList(args);
        long started = System.nanoTime();
        CompletableFuture<LocalKafka> startingKafka = CompletableFuture.supplyAsync(() -> LocalKafka.start(0));
        LocalPostgres postgres = LocalPostgres.start();
        LocalKafka kafka = startingKafka.join();
        LedgerRuntime runtime = null;
        try {
            String topic = env("LEDGER_KAFKA_TOPIC", CommandSideApplication.DEFAULT_TOPIC);
            Map<String, String> properties = new LinkedHashMap<>();
            String databaseUrl = postgres.configured() ? postgres.serverUrl() : postgres.database("ledger");
            properties.put("spring.datasource.url", databaseUrl);
            properties.put("spring.datasource.username", postgres.user());
            properties.put("spring.datasource.password", postgres.password());
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            properties.put("ledger.ingest.topic", topic);
            String adminToken = env("LEDGER_ADMIN_TOKEN", "adm_" + UUID.randomUUID().toString().replace("-", ""));
            properties.put("ledger.admin.token", adminToken);
            runtime = LedgerRuntime.start(properties,
                    Integer.parseInt(env("LEDGER_COMMAND_PORT", "8081")), Integer.parseInt(env("LEDGER_API_PORT", "8080")));
            stopAllOnExit(runtime, kafka, postgres);
            exitWithTheLauncher();

            String token = runtime.querySide().getBean(ApiTokens.class)
                    .create(DemoStream.DEMO_ORGANIZATION, "demo " + Clock.systemUTC().instant()).token();
            if (!flags.contains("--no-demo")) {
                DemoPublisher.publish(kafka.bootstrapServers(), topic,
                        DemoStream.events(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS), DEMO_EXECUTIONS));
            }
            System.out.printf("""

                    Execution Ledger is up in %.1f s.
                      Console:      http://localhost:%d/console   (sign in with a token below)
                      API:          http://localhost:%d/v1/executions   (health: /actuator/health)
                      Ingest:       Kafka %s, topic %s; HTTP on port %d
                      Demo token:   %s   (organization %s)
                      Admin token:  %s   (dead letters on port %d: /admin/dead-letters)
                      Database:     %s   (user %s)%s
                      Tokens CLI:   LEDGER_DB_URL='%s' java -jar query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar tokens list

                      curl -H "Authorization: Bearer %s" 'localhost:%d/v1/executions?limit=5'

                    Ctrl-C stops everything.
                    %n""", (System.nanoTime() - started) / 1e9, runtime.apiPort(), runtime.apiPort(), kafka.bootstrapServers(), topic,
                    runtime.commandPort(), token, DemoStream.DEMO_ORGANIZATION, adminToken, runtime.commandPort(),
                    databaseUrl, postgres.user(), keptWhere(), databaseUrl, token, runtime.apiPort());
        } catch (Exception | Error e) {
            log.error("The ledger did not start", e);
            if (runtime != null) {
                runtime.close();
            }
            kafka.close();
            postgres.close();
            System.exit(1);
        }
    }

    /**
     * When {@code ./ledger} that started this JVM is gone (killed with -9, say, which it cannot
     * trap), this JVM stops too, with its embedded servers, rather than live on as an orphan.
     */
    private static void exitWithTheLauncher() {
        String launcher = System.getenv("LEDGER_LAUNCHER_PID");
        if (launcher == null || !launcher.matches("\\d{1,10}")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(launcher)).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> {
                    log.warn("The launcher ({}) is gone: stopping", launcher);
                    System.exit(1);
                }),
                () -> System.exit(1));
    }

    /** Where the embedded database keeps its data between runs, as the launcher chose it. */
    private static String keptWhere() {
        String directory = System.getenv("LEDGER_EMBEDDED_PG_DIR");
        return directory == null || directory.isBlank() || System.getenv("LEDGER_DB_URL") != null ? ""
                : "\n                kept in " + directory + " between runs; ./ledger --fresh starts empty";
    }

    /**
     * On SIGTERM or Ctrl-C: both sides get 20 s to finish what they are doing, then the servers
     * under them are stopped whatever became of that, so that a wedged service cannot keep them.
     */
    private static void stopAllOnExit(LedgerRuntime runtime, LocalKafka kafka, LocalPostgres postgres) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread closing = new Thread(runtime::close, "stop-services");
            closing.setDaemon(true);
            closing.start();
            try {
                closing.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closing.isAlive()) {
                log.warn("The services did not stop within 20 s; stopping PostgreSQL and Kafka under them");
            }
            kafka.close();
            postgres.close();
        }, "stop-ledger"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
