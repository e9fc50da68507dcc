package com.executionledger.app;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.auth.ApiTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole ledger for one test class: a fresh database, topic and consumer group on the shared
 * servers, both sides, an admin credential, and a client of its API.
 */
final class TestLedger implements AutoCloseable {

    static final String ADMIN_TOKEN = "adm_test";

    private final TestDatabaseAndBroker infra;
    private final LedgerRuntime runtime;
    private final ApiClient api;

    private TestLedger(TestDatabaseAndBroker infra, LedgerRuntime runtime) {
        this.infra = infra;
        this.runtime = runtime;
        this.api = new ApiClient(runtime.apiPort(), ADMIN_TOKEN);
    }

    static TestLedger start(String name) {
        return start(name, Map.of());
    }

    /** With these settings besides the test's own. */
    static TestLedger start(String name, Map<String, String> settings) {
        TestDatabaseAndBroker infra = TestDatabaseAndBroker.fresh(name);
        Map<String, String> properties = new HashMap<>(infra.springProperties());
        properties.put("ledger.admin.token", ADMIN_TOKEN);
        properties.putAll(settings);
        return new TestLedger(infra, LedgerRuntime.start(properties, 0, 0));
    }

    String topic() {
        return infra.topic();
    }

    String bootstrapServers() {
        return infra.bootstrapServers();
    }

    LedgerRuntime runtime() {
        return runtime;
    }

    ApiClient api() {
        return api;
    }

    String tokenFor(String organization) {
        return runtime.querySide().getBean(ApiTokens.class).create(organization, "test").token();
    }

    void publish(List<ExecutionEvent> events) throws Exception {
        DemoPublisher.publish(infra.bootstrapServers(), infra.topic(), events);
    }

    /** One record of any bytes, as a careless producer would send it. */
    void publishRaw(String key, byte[] value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(infra.topic(), key, value)).get();
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
