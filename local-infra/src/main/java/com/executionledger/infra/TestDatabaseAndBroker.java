package com.executionledger.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Spring properties that point a service at the JVM's shared PostgreSQL and Kafka, with a fresh
 * database and fresh topic and consumer group, so that test classes never see each other's data.
 */
public final class TestDatabaseAndBroker {

    private final String databaseUrl;
    private final String topic;
    private final String consumerGroup;

    private TestDatabaseAndBroker(String databaseUrl, String topic, String consumerGroup) {
        this.databaseUrl = databaseUrl;
        this.topic = topic;
        this.consumerGroup = consumerGroup;
    }

    public static TestDatabaseAndBroker fresh(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new TestDatabaseAndBroker(LocalPostgres.shared().newDatabase(name), "execution-events-" + name + "-" + suffix,
                "ledger-" + name + "-" + suffix);
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public String topic() {
        return topic;
    }

    public String bootstrapServers() {
        return LocalKafka.shared().bootstrapServers();
    }

    /** The database alone, for a service that does not consume Kafka. */
    public Map<String, String> databaseProperties() {
        LocalPostgres postgres = LocalPostgres.shared();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", postgres.user());
        properties.put("spring.datasource.password", postgres.password());
        return properties;
    }

    /** The database and the broker, with this test's own topic and consumer group. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = databaseProperties();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
        properties.put("spring.kafka.consumer.group-id", consumerGroup);
        properties.put("ledger.ingest.topic", topic);
        properties.put("ledger.ingest.partitions", "2");
        return properties;
    }
}
