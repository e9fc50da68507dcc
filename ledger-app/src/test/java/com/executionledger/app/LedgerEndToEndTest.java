package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Event in, through Kafka, the ledger and the projection, and out over HTTP, for two organizations. */
class LedgerEndToEndTest {

    private static final int ALPHA_EXECUTIONS = 23;
    private static final int BETA_EXECUTIONS = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestLedger ledger;
    private static String alphaToken;
    private static String betaToken;

    @BeforeAll
    static void publishTwoOrganizations() throws Exception {
        ledger = TestLedger.start("e2e");
        alphaToken = ledger.tokenFor("org_alpha");
        betaToken = ledger.tokenFor("org_beta");

        List<ExecutionEvent> events = new ArrayList<>();
        for (int i = 0; i < ALPHA_EXECUTIONS + BETA_EXECUTIONS; i++) {
            TestEvents execution = TestEvents.of("exe_%02d".formatted(i), i < ALPHA_EXECUTIONS ? "org_alpha" : "org_beta");
            long createdSecond = i / 2; // pairs share createdAt: ties are ordered by id
            String id = "_%02d".formatted(i); // eventIds are unique across the ledger (rule 6)
            events.add(execution.created("c" + id, createdSecond));
            events.add(execution.paymentConfirmed("p" + id, createdSecond + 1));
            events.add(execution.queued("q" + id, createdSecond + 2));
            events.add(execution.running("r" + id, createdSecond + 3));
            if (i % 3 == 0) {
                events.add(execution.succeeded("s" + id, createdSecond + 4));
            }
        }
        List<ExecutionEvent> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(0, 20)); // redelivered
        Collections.shuffle(delivered, new Random(7));
        ledger.publish(delivered);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                allPages(alphaToken, 100).size() == ALPHA_EXECUTIONS && allPages(betaToken, 100).size() == BETA_EXECUTIONS
                        && allPages(alphaToken, 100).get(0).get("status").asText().equals("workflow_running"));
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void eachTokenPagesThroughExactlyItsOwnExecutionsNewestFirst() throws Exception {
        List<JsonNode> alpha = allPages(alphaToken, 5);
        List<JsonNode> beta = allPages(betaToken, 5);

        assertThat(alpha).extracting(item -> item.get("organizationId").asText()).containsOnly("org_alpha");
        assertThat(beta).extracting(item -> item.get("organizationId").asText()).containsOnly("org_beta");
        assertThat(alpha).extracting(item -> item.get("id").asText()).doesNotHaveDuplicates().hasSize(ALPHA_EXECUTIONS);
        assertThat(beta).extracting(item -> item.get("id").asText()).doesNotHaveDuplicates().hasSize(BETA_EXECUTIONS);
        Comparator<JsonNode> newestFirstTiesById = Comparator
                .comparing((JsonNode item) -> Instant.parse(item.get("createdAt").asText())).reversed()
                .thenComparing(item -> item.get("id").asText(), Comparator.reverseOrder());
        assertThat(alpha).isSortedAccordingTo(newestFirstTiesById);
        assertThat(alpha.get(0).get("id").asText()).isEqualTo("exe_22");
        assertThat(alpha.get(1).get("id").asText()).isEqualTo("exe_21");
        assertThat(alpha.get(2).get("id").asText()).isEqualTo("exe_20");
    }

    @Test
    void theCursorPagesThroughTheSameItemsInTheSameOrder() throws Exception {
        List<String> byOffset = allPages(alphaToken, 4).stream().map(item -> item.get("id").asText()).toList();
        List<String> byCursor = new ArrayList<>();
        JsonNode page = page(alphaToken, "?limit=4");
        while (true) {
            page.at("/data/items").forEach(item -> byCursor.add(item.get("id").asText()));
            if (!page.at("/data/hasMore").asBoolean()) {
                break;
            }
            page = page(alphaToken, "?limit=4&cursor=" + page.at("/data/nextCursor").asText());
        }

        assertThat(byCursor).isEqualTo(byOffset).hasSize(ALPHA_EXECUTIONS);
    }

    @Test
    void hasMoreFlipsOnTheLastPage() throws Exception {
        JsonNode fourth = page(alphaToken, "?limit=5&offset=15");
        JsonNode fifth = page(alphaToken, "?limit=5&offset=20");
        JsonNode beyond = page(alphaToken, "?limit=5&offset=25");

        assertThat(fourth.at("/data/hasMore").asBoolean()).isTrue();
        assertThat(fifth.at("/data/hasMore").asBoolean()).isFalse();
        assertThat(fifth.at("/data/items").size()).isEqualTo(3);
        assertThat(beyond.at("/data/items").size()).isZero();
        assertThat(beyond.at("/data/hasMore").asBoolean()).isFalse();
    }

    @Test
    void itemsShowTheProjectedLifecycle() throws Exception {
        List<JsonNode> alpha = allPages(alphaToken, 100);
        JsonNode succeeded = alpha.stream().filter(item -> item.get("id").asText().equals("exe_03")).findFirst().orElseThrow();
        JsonNode running = alpha.stream().filter(item -> item.get("id").asText().equals("exe_04")).findFirst().orElseThrow();

        assertThat(succeeded.get("status").asText()).isEqualTo("workflow_succeeded");
        assertThat(succeeded.get("finishedAt").asText()).isEqualTo("2026-11-28T10:00:05Z");
        assertThat(succeeded.get("responsePayload").get("result").asText()).isEqualTo("s_03");
        assertThat(running.get("status").asText()).isEqualTo("workflow_running");
        assertThat(running.get("paymentStatus").asText()).isEqualTo("paid");
        assertThat(running.get("startedAt").asText()).isEqualTo("2026-11-28T10:00:05Z");
        assertThat(running.get("finishedAt").isNull()).isTrue();
    }

    @Test
    void aBadParameterNamesItselfAndAForeignTokenSeesNothing() throws Exception {
        HttpResponse<String> bad = get(alphaToken, "?limit=101");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText()).startsWith("limit must be an integer from 1 to 100");

        HttpResponse<String> unknown = get("elt_not-a-real-token", "");
        assertThat(unknown.statusCode()).isEqualTo(401);
    }

    private static List<JsonNode> allPages(String token, int limit) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (int offset = 0; ; offset += limit) {
            JsonNode page = page(token, "?limit=" + limit + "&offset=" + offset);
            page.at("/data/items").forEach(items::add);
            if (!page.at("/data/hasMore").asBoolean()) {
                return items;
            }
        }
    }

    private static JsonNode page(String token, String query) throws Exception {
        HttpResponse<String> answer = get(token, query);
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> get(String token, String query) throws Exception {
        return ledger.api().get(token, "/v1/executions" + query);
    }
}
