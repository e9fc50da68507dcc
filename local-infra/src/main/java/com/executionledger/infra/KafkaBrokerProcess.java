package com.executionledger.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft Kafka broker as a process of its own, from the Kafka jars on our classpath, with a log
 * directory and ports that survive a restart: a test can kill it under running clients and bring
 * it back with every committed record.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static KafkaBrokerProcess start(Path directory) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, FreePorts.next());
        broker.configure(FreePorts.next());
        broker.startProcess();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private Path config() {
        return directory.resolve("server.properties");
    }

    private void configure(int controllerPort) {
        try {
            Files.createDirectories(directory);
            Files.writeString(config(), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + directory.resolve("data"),
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=4",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false",
                    ""));
            run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config().toString()),
                    directory.resolve("format.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the broker in " + directory, e);
        }
    }

    private void startProcess() {
        process = launch(List.of("kafka.Kafka", config().toString()), directory.resolve("broker.log"));
        awaitReady();
    }

    /** Kills the broker as a crash would: no controlled shutdown. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void restart() {
        kill();
        startProcess();
    }

    private void awaitReady() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited; " + see(directory.resolve("broker.log")));
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("the broker did not answer within 60 s; see " + directory.resolve("broker.log"));
    }

    private static void run(List<String> arguments, Path log) {
        Process tool = launch(arguments, log);
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException("Kafka tool " + arguments + " failed; " + see(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Where the log is, and its end: tests delete their temporary directories, and the log with them. */
    private static String see(Path log) {
        try {
            String text = Files.readString(log);
            return "see " + log + ":\n" + text.substring(Math.max(0, text.length() - 2_000));
        } catch (IOException | RuntimeException unreadable) {
            return "see " + log + " (unreadable: " + unreadable + ")";
        }
    }

    private static Process launch(List<String> arguments, Path log) {
        return JavaProcess.launch("-Xmx384m", arguments, log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
