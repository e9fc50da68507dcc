package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.WebhookSigning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/**
 * CloudEvents 1.0 beside the contract's envelope: structured mode over HTTP (one, and a batch),
 * binary mode over Kafka; the same validation and outcomes (appended, duplicate across the two
 * forms, rejected and dead-lettered with its reason).
 */
class CloudEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORGANIZATION = "org_cloudevents";
    private static final String SOURCE = "workflows";
    private static final String SECRET = "whsec_ce";

    private static TestLedger ledger;
    private static String token;

    @BeforeAll
    static void start() {
        ledger = TestLedger.start("cloudevents", Map.of("ledger.ingest.http.sources." + SOURCE, SECRET));
        token = ledger.tokenFor(ORGANIZATION);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static String cloudEvent(String id, String type, String subject, int second, String data) {
        return """
                {"specversion":"1.0","id":"%s","type":"%s","source":"workflows","subject":"%s",
                 "time":"2026-11-28T10:00:%02dZ","organizationid":"%s","datacontenttype":"application/json","data":%s}"""
                .formatted(id, type, subject, second, ORGANIZATION, data);
    }

    private static JsonNode post(String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + ledger.runtime().commandPort() + "/v1/events"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        WebhookSigning.headers(SOURCE, SECRET, bytes).forEach(request::header);
        return JSON.readTree(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void structuredEventsOverHttpOneOrABatchAreTakenLikeEnvelopes() throws Exception {
        JsonNode one = post("application/cloudevents+json", cloudEvent("ce.c", "com.executionledger.execution_created",
                "exe_ce_http", 0, "{\"workflowId\":\"wf_ce\",\"paymentRequired\":false}"));
        assertThat(one.at("/data/appended").asInt()).as(one.toString()).isEqualTo(1);

        JsonNode batch = post("application/cloudevents-batch+json; charset=utf-8", "[" + String.join(",",
                cloudEvent("ce.r", "workflow_running", "exe_ce_http", 1, "{\"runId\":\"run_ce\"}"),
                cloudEvent("ce.c", "com.executionledger.execution_created", "exe_ce_http", 0,
                        "{\"workflowId\":\"wf_ce\",\"paymentRequired\":false}"),
                cloudEvent("ce.x", "workflow_running", "exe ce", 2, "{}"),
                "{\"specversion\":\"0.3\",\"id\":\"ce.old\"}") + "]");
        assertThat(batch.at("/data/events").findValuesAsText("outcome"))
                .containsExactly("appended", "duplicate", "rejected", "rejected");
        assertThat(batch.at("/data/events/2/reason").asText()).isEqualTo("executionId may hold only A-Z a-z 0-9 . _ : ~ -");
        assertThat(batch.at("/data/events/3/reason").asText()).isEqualTo("specversion '0.3' is not taken: send CloudEvents 1.0");

        JsonNode execution = ledger.api().json(token, "/v1/executions/exe_ce_http?minPosition="
                + batch.at("/data/events/0/position").asLong()).get("data");
        assertThat(execution.get("status").asText()).isEqualTo("workflow_running");
        assertThat(execution.get("runId").asText()).isEqualTo("run_ce");
        assertThat(execution.get("sourceSystem").asText()).isEqualTo("workflows");

        JsonNode notCloudEvents = post("application/cloudevents-batch+json", cloudEvent("ce.y", "workflow_running", "exe_ce_http", 3, "{}"));
        assertThat(notCloudEvents.at("/code").asInt()).isEqualTo(400);
    }

    @Test
    void binaryEventsOverKafkaAreTakenAndWhatCannotMapIsDeadLettered() throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ledger.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(binary("kc.c", "execution_created", "exe_ce_kafka", "1.0", "{\"workflowId\":\"wf_k\"}")).get();
            ProducerRecord<String, byte[]> failed = binary("kc.f", "workflow_failed", "exe_ce_kafka", "1.0",
                    "{\"error\":{\"code\":\"OOM\",\"message\":\"out of memory\",\"retryable\":false}}");
            failed.headers().add("ce_dataversion", "2".getBytes(StandardCharsets.UTF_8));
            producer.send(failed).get();
            producer.send(binary("kc.old", "workflow_running", "exe_ce_kafka", "0.3", "{}")).get();
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> "workflow_failed".equals(
                ledger.api().json(token, "/v1/executions/exe_ce_kafka").at("/data/status").asText()));
        assertThat(ledger.api().json(token, "/v1/executions/exe_ce_kafka").at("/data/statusReason").asText()).isEqualTo("out of memory");

        ApiClient commandSide = new ApiClient(ledger.runtime().commandPort(), TestLedger.ADMIN_TOKEN);
        JsonNode[] letter = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode open : commandSide.admin("GET", "/admin/dead-letters", null).get("data")) {
                if ("kc.old".equals(open.get("eventId").asText())) {
                    letter[0] = open;
                    return true;
                }
            }
            return false;
        });
        assertThat(letter[0].get("reason").asText()).isEqualTo("specversion '0.3' is not taken: send CloudEvents 1.0");
        assertThat(letter[0].get("executionId").asText()).isEqualTo("exe_ce_kafka");
        assertThat(letter[0].get("source").asText()).contains("(CloudEvent)");
    }

    private static ProducerRecord<String, byte[]> binary(String id, String type, String subject, String specVersion, String data) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ledger.topic(), subject, data.getBytes(StandardCharsets.UTF_8));
        Map.of("ce_specversion", specVersion, "ce_id", id, "ce_type", type, "ce_source", "workflows", "ce_subject", subject,
                        "ce_time", "2026-11-28T10:00:0" + (type.equals("execution_created") ? 0 : 5) + "Z", "ce_organizationid", ORGANIZATION,
                        "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
