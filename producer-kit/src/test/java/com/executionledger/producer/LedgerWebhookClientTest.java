package com.executionledger.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.WebhookSigning;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the webhook client answers the ledger's refusals, against a local HTTP endpoint that answers
 * as scripted (the ledger's own answers are covered by ProducerKitTest in ledger-app, against the
 * running ledger): 503 and 429 are sent again after Retry-After or a back-off, each time signed
 * afresh; anything else is thrown at once with the ledger's message.
 */
class LedgerWebhookClientTest {

    private static final String ACCEPTED = """
            {"code":200,"message":"success","requestId":"r","data":{"appended":1,"duplicates":0,"rejected":0,
             "events":[{"eventId":"evt_1","executionId":"exe_1","outcome":"appended","reason":null,"position":7}]}}""";

    private record Scripted(int status, String retryAfter, String body) {
    }

    private final Deque<Scripted> answers = new ConcurrentLinkedDeque<>();
    private final List<String> signatures = new ArrayList<>();
    private final List<Instant> arrivals = new ArrayList<>();
    private HttpServer ledger;

    @BeforeEach
    void answerAsScripted() throws IOException {
        ledger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ledger.createContext("/v1/events", exchange -> {
            synchronized (arrivals) {
                arrivals.add(Instant.now());
                signatures.add(exchange.getRequestHeaders().getFirst(WebhookSigning.SIGNATURE_HEADER));
            }
            exchange.getRequestBody().readAllBytes();
            Scripted answer = answers.isEmpty() ? new Scripted(200, null, ACCEPTED) : answers.poll();
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ledger.start();
    }

    @AfterEach
    void stop() {
        ledger.stop(0);
    }

    private LedgerWebhookClient client(int attempts) {
        return new LedgerWebhookClient(URI.create("http://127.0.0.1:" + ledger.getAddress().getPort()), "payments", "whsec_test",
                new LedgerWebhookClient.Retries(attempts, Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    private static List<ExecutionEvent> batch() {
        return List.of(ExecutionEvents.of("exe_1", "org_acme", "payments").workflowQueued("evt_1", Instant.parse("2026-11-28T10:00:00Z"), "run_1"));
    }

    @Test
    void a503AndA429AreSentAgainAfterTheirRetryAfterOrABackOff() throws Exception {
        answers.add(new Scripted(503, "1", "{\"code\":503,\"message\":\"the database is away\"}"));
        answers.add(new Scripted(429, null, "{\"code\":429,\"message\":\"too fast\"}"));

        LedgerWebhookClient.Delivery delivery = client(5).send(batch());

        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.appended()).isEqualTo(1);
        assertThat(delivery.events()).containsExactly(new LedgerWebhookClient.Outcome("evt_1", "exe_1", "appended", null, 7L));
        assertThat(Duration.between(arrivals.get(0), arrivals.get(1))).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(signatures).hasSize(3).allMatch(signature -> signature.startsWith(WebhookSigning.VERSION));
    }

    @Test
    void anyOtherRefusalIsThrownAtOnceWithTheLedgersMessage() {
        answers.add(new Scripted(401, null, "{\"code\":401,\"message\":\"signature does not match\"}"));

        assertThatThrownBy(() -> client(5).send(batch())).isInstanceOf(LedgerWebhookClient.Refused.class)
                .hasMessageContaining("401").hasMessageContaining("signature does not match");
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void itGivesUpAfterItsAttemptsSayingWhatTheLedgerLastSaid() {
        for (int i = 0; i < 3; i++) {
            answers.add(new Scripted(503, null, "{\"code\":503,\"message\":\"a conflict kept recurring\"}"));
        }

        assertThatThrownBy(() -> client(3).send(batch())).isInstanceOf(LedgerWebhookClient.Refused.class)
                .hasMessageContaining("3 attempts").hasMessageContaining("a conflict kept recurring");
        assertThat(arrivals).hasSize(3);
    }

    @Test
    void anEventTheLedgerWouldRefuseIsRefusedBeforeItIsSent() {
        ExecutionEvents wrong = ExecutionEvents.of("exe 1", "org_acme", "payments");

        assertThatThrownBy(() -> wrong.workflowQueued("evt_1", Instant.parse("2026-11-28T10:00:00Z"), "run_1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the ledger would refuse event evt_1: executionId may hold only A-Z a-z 0-9 . _ : ~ -");
        assertThatThrownBy(() -> ExecutionEvents.of("exe_1", "org_acme", "payments")
                .created("evt_2", Instant.parse("2026-11-28T10:00:00Z"), " ").build())
                .hasMessage("the ledger would refuse event evt_2: data.workflowId must not be blank");
        assertThat(arrivals).isEmpty();
    }
}
