package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.WorkflowError;
import com.executionledger.producer.ExecutionEvents;
import com.executionledger.producer.LedgerKafkaPublisher;
import com.executionledger.producer.LedgerWebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The producers' kit against the running ledger: events built with it, published to Kafka and
 * delivered to the webhook, are in the ledger as the contract says; a webhook sender faster than
 * its rate limit is told 429 and gets everything in by waiting as told.
 */
class ProducerKitTest {

    private static final String ORGANIZATION = "org_producer";
    private static final String SOURCE = "checkout";
    private static final String SECRET = "whsec_kit";
    private static final Instant AT = Instant.parse("2026-11-30T09:00:00Z");

    private static TestLedger ledger;
    private static String token;

    @BeforeAll
    static void start() {
        // a webhook source may send 2 requests a second (a burst of 2): the kit has to wait for the rest
        ledger = TestLedger.start("producer_kit", Map.of("ledger.ingest.http.sources." + SOURCE, SECRET,
                "ledger.rate-limit.per-second", "2", "ledger.rate-limit.burst", "2"));
        token = ledger.tokenFor(ORGANIZATION);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    /** The execution once it has this status (reads are held to the same low rate: a 429 is read again). */
    private static JsonNode awaitExecution(String id, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(600)).ignoreExceptions().until(() -> {
            found[0] = ledger.api().json(token, "/v1/executions/" + id).get("data");
            return status.equals(found[0].get("status").asText());
        });
        return found[0];
    }

    @Test
    void eventsPublishedToKafkaWithTheKitAreInTheLedger() throws Exception {
        ExecutionEvents run = ExecutionEvents.of("exe_kit_kafka", ORGANIZATION, SOURCE);
        try (LedgerKafkaPublisher publisher = new LedgerKafkaPublisher(ledger.bootstrapServers(), ledger.topic())) {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            sent.add(publisher.publish(run.created("k.c", AT, "wf_report").initiatedBy("user_7", "user")
                    .requestPayload(Map.of("pages", 3)).build()));
            sent.add(publisher.publish(run.paymentConfirmed("k.p", AT.plusSeconds(1), "ord_1", "cs_1")));
            sent.add(publisher.publish(run.workflowRunning("k.r", AT.plusSeconds(2), "run_1")));
            sent.add(publisher.publish(run.workflowFailed("k.f", AT.plusSeconds(3), new WorkflowError("OOM", "out of memory", true), null)));
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
        }
        JsonNode listed = awaitExecution("exe_kit_kafka", "workflow_failed");
        assertThat(listed.get("statusReason").asText()).isEqualTo("out of memory");
        assertThat(listed.get("initiatedById").asText()).isEqualTo("user_7");
        assertThat(listed.get("orderId").asText()).isEqualTo("ord_1");
        assertThat(listed.get("requestPayload").get("pages").asInt()).isEqualTo(3);
    }

    @Test
    void aWebhookSenderOverItsRateWaitsAsToldAndGetsEverythingIn() throws Exception {
        LedgerWebhookClient client = new LedgerWebhookClient(URI.create("http://localhost:" + ledger.runtime().commandPort()),
                SOURCE, SECRET);
        List<LedgerWebhookClient.Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ExecutionEvents run = ExecutionEvents.of("exe_kit_hook_" + i, ORGANIZATION, SOURCE);
            List<ExecutionEvent> batch = List.of(run.created("h.c" + i, AT, "wf_digest").withoutPayment().build(),
                    run.workflowQueued("h.q" + i, AT.plusSeconds(1), "run_" + i));
            deliveries.add(client.send(batch));
        }
        assertThat(deliveries).allSatisfy(delivery -> assertThat(delivery.appended()).isEqualTo(2));
        assertThat(deliveries.stream().mapToInt(LedgerWebhookClient.Delivery::attempts).sum())
                .as("some deliveries were told 429 and sent again").isGreaterThan(6);
        assertThat(deliveries.get(0).events().get(0).position()).isPositive();

        LedgerWebhookClient.Delivery again = client.send(List.of(ExecutionEvents.of("exe_kit_hook_0", ORGANIZATION, SOURCE)
                .workflowQueued("h.q0", AT.plusSeconds(1), "run_0")));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(awaitExecution("exe_kit_hook_5", "workflow_queued").get("paymentStatus").asText()).isEqualTo("not_required");
    }
}
