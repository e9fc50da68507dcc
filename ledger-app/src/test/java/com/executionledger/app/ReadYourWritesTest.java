package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Freshness: the ingest answer gives each appended event's ledger position, every answer of the
 * API says the position its read model had reached, and a read with {@code minPosition} waits
 * for it, boundedly, and says so plainly when the wait runs out.
 */
class ReadYourWritesTest {

    private static final String SOURCE = "ryw";
    private static final String SECRET = "whsec_ryw";
    private static final String ORGANIZATION = "org_ryw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvelopeWriter WRITER = new EnvelopeWriter();

    private static TestLedger ledger;
    private static String token;

    @BeforeAll
    static void start() {
        ledger = TestLedger.start("read_your_writes", Map.of("ledger.ingest.http.sources." + SOURCE, SECRET,
                "ledger.api.min-position-wait", "5s"));
        token = ledger.tokenFor(ORGANIZATION);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static long deliver(ExecutionEvent... events) throws Exception {
        List<Map<String, Object>> envelopes = Arrays.stream(events).map(WRITER::envelope).toList();
        JsonNode answer = new WebhookSender(SOURCE, SECRET).deliver(ledger.runtime().commandPort(),
                JSON.writeValueAsBytes(envelopes));
        long last = 0;
        for (JsonNode event : answer.at("/data/events")) {
            assertThat(event.get("outcome").asText()).as(answer.toString()).isEqualTo("appended");
            assertThat(event.get("position").asLong()).as("a position, rising").isGreaterThan(last);
            last = event.get("position").asLong();
        }
        return last;
    }

    private static long positionOf(HttpResponse<String> answer) {
        return Long.parseLong(answer.headers().firstValue("Ledger-Position").orElseThrow());
    }

    @Test
    void aReadAtTheIngestAnswersPositionSeesTheEventJustWritten() throws Exception {
        TestEvents execution = TestEvents.of("exe_ryw_1", ORGANIZATION);
        ledger.api().get(token, "/v1/executions"); // a first page kept from before the writes, which must not answer
        long created = deliver(execution.created("ryw.c", 0));

        HttpResponse<String> one = ledger.api().get(token, "/v1/executions/exe_ryw_1?minPosition=" + created);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(positionOf(one)).isGreaterThanOrEqualTo(created);
        assertThat(JSON.readTree(one.body()).at("/data/status").asText()).isEqualTo("awaiting_payment");

        long paid = deliver(execution.paymentConfirmed("ryw.p", 1), execution.queued("ryw.q", 2));
        HttpResponse<String> list = ledger.api().get(token, "/v1/executions?minPosition=" + paid);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(positionOf(list)).isGreaterThanOrEqualTo(paid);
        assertThat(JSON.readTree(list.body()).at("/data/items/0/status").asText()).isEqualTo("workflow_queued");
        HttpResponse<String> history = ledger.api().get(token, "/v1/executions/exe_ryw_1/events?minPosition=" + paid);
        assertThat(JSON.readTree(history.body()).at("/data/items")).hasSize(3);
    }

    @Test
    void everyAnswerSaysThePositionOfItsReadModel() throws Exception {
        HttpResponse<String> list = ledger.api().get(token, "/v1/executions");
        assertThat(list.statusCode()).isEqualTo(200);
        HttpResponse<String> digest = ledger.api().get(TestLedger.ADMIN_TOKEN, "/admin/ledger/digest");
        long head = JSON.readTree(digest.body()).at("/data/position").asLong();
        assertThat(positionOf(list)).isBetween(0L, head);
        assertThat(positionOf(digest)).as("the operators' answers say it too").isBetween(0L, head);
    }

    @Test
    void aPositionBeyondTheLedgerIsRefusedAtOnce() throws Exception {
        HttpResponse<String> answer = ledger.api().get(token, "/v1/executions?minPosition=999999999999");
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_parameter");
        assertThat(body.get("param").asText()).isEqualTo("minPosition");
        assertThat(body.get("message").asText()).contains("beyond the ledger");
    }

    @Test
    void aWaitThatRunsOutIsAnsweredPlainlyAndTheSameReadSucceedsOnceProjected() throws Exception {
        StreamingEventProcessor projection = ledger.runtime().querySide().getBean(EventProcessingConfiguration.class)
                .eventProcessor("executions", StreamingEventProcessor.class).orElseThrow();
        projection.shutDown();
        long written;
        try {
            written = deliver(TestEvents.of("exe_ryw_stalled", ORGANIZATION).created("ryw.s", 0));
            long started = System.nanoTime();
            HttpResponse<String> answer = ledger.api().get(token, "/v1/executions/exe_ryw_stalled?minPosition=" + written);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("1");
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("error").asText()).isEqualTo("position_not_reached");
            assertThat(body.get("param").asText()).isEqualTo("minPosition");
            assertThat(body.get("message").asText()).contains("has not reached position " + written);
            assertThat(waited).as("waited its bound, not forever").isBetween(Duration.ofSeconds(4), Duration.ofSeconds(30));
        } finally {
            projection.start();
        }
        HttpResponse<String> after = ledger.api().get(token, "/v1/executions/exe_ryw_stalled?minPosition=" + written);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }
}
