package com.executionledger.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for tests and the local run, chosen once per JVM: the one named by
 * {@code LEDGER_KAFKA_BOOTSTRAP}, else a Testcontainers KRaft container where a Docker engine
 * answers, else a KRaft broker inside this JVM.
 */
public final class LocalKafka {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final String IMAGE = "apache/kafka:3.9.1";

    private final String bootstrapServers;
    private final AutoCloseable resource;

    private LocalKafka(String bootstrapServers, AutoCloseable resource) {
        this.bootstrapServers = bootstrapServers;
        this.resource = resource;
    }

    private static final class Shared {
        static final LocalKafka INSTANCE = stoppedAtExit(start(0));
    }

    public static LocalKafka shared() {
        return Shared.INSTANCE;
    }

    private static LocalKafka stoppedAtExit(LocalKafka kafka) {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-kafka"));
        return kafka;
    }

    /** Starts a broker of our own (on {@code port}, or any free port for 0), which the caller closes. */
    public static LocalKafka start(int port) {
        String configured = System.getenv("LEDGER_KAFKA_BOOTSTRAP");
        LocalKafka kafka;
        if (configured != null && !configured.isBlank()) {
            kafka = new LocalKafka(configured, () -> { });
            log.info("Kafka: configured {}", configured);
        } else if (DockerEngine.answers()) {
            KafkaContainer container = new KafkaContainer(IMAGE);
            container.start();
            kafka = new LocalKafka(container.getBootstrapServers(), container::stop);
            log.info("Kafka: Testcontainers {} at {}", IMAGE, kafka.bootstrapServers);
        } else {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.kafkaPorts(port);
            broker.brokerProperty("auto.create.topics.enable", "false");
            broker.afterPropertiesSet();
            kafka = new LocalKafka(broker.getBrokersAsString(), broker::destroy);
            log.info("Kafka: embedded KRaft broker at {}", kafka.bootstrapServers);
        }
        return kafka;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Kafka did not stop cleanly: {}", e.getMessage());
        }
    }
}
