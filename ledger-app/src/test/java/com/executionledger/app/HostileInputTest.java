package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.HostileCorpus;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.readmodel.SetAsideExecutions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hostile corpus (every row of the contract's limits table on both sides of its bound, and odd
 * bytes) through Kafka and through HTTP, interleaved with valid events: each case gets the
 * contract's answer with a reason naming the field, every valid event lands, and valid events sent
 * after the bad ones are listed within seconds: nothing bad stops the pipeline.
 */
class HostileInputTest {

    private static final String SOURCE = "hostile";
    private static final String SECRET = "whsec_hostile";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabaseAndBroker infra;
    private static LedgerRuntime ledger;

    @BeforeAll
    static void start() {
        infra = TestDatabaseAndBroker.fresh("hostile");
        Map<String, String> properties = new HashMap<>(infra.springProperties());
        properties.put("ledger.admin.token", TestLedger.ADMIN_TOKEN);
        properties.put("ledger.ingest.http.sources." + SOURCE, SECRET);
        ledger = LedgerRuntime.start(properties, 0, 0);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void everyHostileRecordOverKafkaIsDeadLetteredWithItsReasonAndTheRestFlows() throws Exception {
        List<HostileCorpus.Case> cases = HostileCorpus.cases("k_", Instant.now());
        TestEvents valid = TestEvents.of("k_exe_valid_after", "org_hostile");
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            int interleaved = 0;
            for (HostileCorpus.Case hostile : cases) {
                producer.send(new ProducerRecord<>(infra.topic(), hostile.executionId(), hostile.payload()));
                String between = "k_exe_between_" + interleaved++;
                byte[] created = new EnvelopeWriter().write(TestEvents.of(between, "org_hostile").created(between + ".c", 1));
                producer.send(new ProducerRecord<>(infra.topic(), between, created));
            }
            producer.send(new ProducerRecord<>(infra.topic(), "k_exe_valid_after", new EnvelopeWriter().write(valid.created("k_valid_after", 1))));
            producer.flush();
        }

        String token = ledger.querySide().getBean(com.executionledger.query.auth.ApiTokens.class).create("org_hostile", "t").token();
        ApiClient api = new ApiClient(ledger.apiPort(), TestLedger.ADMIN_TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(token, "/v1/executions/k_exe_valid_after").statusCode() == 200);

        JdbcTemplate jdbc = ledger.commandSide().getBean(JdbcTemplate.class);
        for (HostileCorpus.Case hostile : cases) {
            if (hostile.accepted()) {
                assertThat(storedEvents(jdbc, hostile.executionId())).as(hostile.name()).isEqualTo(1);
            } else {
                List<String> reasons = hostile.payload() == null
                        ? jdbc.queryForList("SELECT reason FROM dead_letter WHERE payload IS NULL", String.class)
                        : jdbc.queryForList("SELECT reason FROM dead_letter WHERE payload = ?", String.class, (Object) hostile.payload());
                assertThat(reasons).as(hostile.name()).singleElement().asString().contains(hostile.reason());
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry"
                + " WHERE aggregate_identifier LIKE 'k\\_exe\\_between\\_%'", Integer.class))
                .as("valid events interleaved with the bad ones").isEqualTo(cases.size());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);

        // validation equals storage: what was accepted, at every bound, is projected, and nothing is set aside
        for (HostileCorpus.Case created : cases) {
            if (created.accepted() && new String(created.payload(), StandardCharsets.UTF_8).contains("\"execution_created\"")) {
                await(created.name()).atMost(Duration.ofSeconds(30))
                        .until(() -> api.get(token, "/v1/executions/" + created.executionId()).statusCode() == 200);
            }
        }
        assertThat(ledger.querySide().getBean(SetAsideExecutions.class).list(10)).isEmpty();
    }

    @Test
    void everyHostileEnvelopeOverHttpIsAnsweredWithItsReasonAndTheRestFlows() throws Exception {
        List<HostileCorpus.Case> cases = HostileCorpus.cases("h_", Instant.now()).stream()
                .filter(hostile -> hostile.payload() != null) // HTTP has no tombstone: an empty body is the empty case
                .toList();
        WebhookSender sender = new WebhookSender(SOURCE, SECRET);
        int port = ledger.commandPort();
        for (HostileCorpus.Case hostile : cases) {
            JsonNode answer = sender.deliver(port, hostile.payload());
            if (hostile.name().equals("a JSON array")) { // over HTTP, an array is a batch: an empty one is refused whole
                assertThat(answer.get("code").asInt()).isEqualTo(400);
                assertThat(answer.get("message").asText()).contains("empty array");
                continue;
            }
            assertThat(answer.get("code").asInt()).as(hostile.name() + ": " + answer).isEqualTo(200);
            assertOutcome(hostile, answer.at("/data/events/0"));
        }

        // the cases that are one JSON object again (with ids of their own), as elements of one array, each
        // after a valid event: each element gets its own answer
        List<HostileCorpus.Case> batchable = HostileCorpus.cases("hb_", Instant.now()).stream()
                .filter(hostile -> hostile.payload() != null && isOneJsonObject(hostile.payload())).toList();
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < batchable.size(); i++) {
            String between = "hb_exe_between_" + i;
            elements.add(new String(new EnvelopeWriter().write(TestEvents.of(between, "org_hostile").created(between + ".c", 1)),
                    StandardCharsets.UTF_8));
            elements.add(new String(batchable.get(i).payload(), StandardCharsets.UTF_8));
        }
        JsonNode batch = sender.deliver(port, ("[" + String.join(",", elements) + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(batch.get("code").asInt()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.at("/data/events")).hasSize(elements.size());
        for (int i = 0; i < batchable.size(); i++) {
            assertThat(batch.at("/data/events/" + 2 * i + "/outcome").asText()).isEqualTo("appended");
            assertOutcome(batchable.get(i), batch.at("/data/events/" + (2 * i + 1)));
        }

        String token = ledger.querySide().getBean(com.executionledger.query.auth.ApiTokens.class).create("org_hostile", "h").token();
        ApiClient api = new ApiClient(ledger.apiPort(), TestLedger.ADMIN_TOKEN);
        String last = "hb_exe_between_" + (batchable.size() - 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(token, "/v1/executions/" + last).statusCode() == 200);
    }

    private static void assertOutcome(HostileCorpus.Case hostile, JsonNode outcome) {
        if (hostile.accepted()) {
            assertThat(outcome.get("outcome").asText()).as(hostile.name() + ": " + outcome).isEqualTo("appended");
        } else {
            assertThat(outcome.get("outcome").asText()).as(hostile.name()).isEqualTo("rejected");
            assertThat(outcome.get("reason").asText()).as(hostile.name()).contains(hostile.reason());
        }
    }

    private static boolean isOneJsonObject(byte[] payload) {
        try {
            return com.executionledger.events.EventJson.readOneValue(payload).isObject();
        } catch (Exception unreadable) {
            return false;
        }
    }

    private static int storedEvents(JdbcTemplate jdbc, String executionId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class,
                executionId);
    }
}
