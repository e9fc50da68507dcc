package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.auth.ApiTokens;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rule 3 as a property: for random histories delivered in random orders with duplicates, through
 * Kafka, the real event store and the projection, every listed row equals the contract model's,
 * and the ledger holds each accepted event exactly once.
 */
class ConvergencePropertyTest {

    static final int HISTORIES = 40;
    static final int PERMUTATIONS = 5;
    private static final long SEED = 20261128L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestDatabaseAndBroker infra;
    private static LedgerRuntime ledger;
    private static final Map<String, List<ExecutionEvent>> deliveries = new HashMap<>();

    @BeforeAll
    static void deliverEveryPermutation() throws Exception {
        infra = TestDatabaseAndBroker.fresh("property");
        ledger = LedgerRuntime.start(infra.springProperties(), 0, 0);
        List<ExecutionEvent> published = new ArrayList<>();
        Random random = new Random(SEED);
        for (int history = 0; history < HISTORIES; history++) {
            long historySeed = SEED + history;
            for (int permutation = 0; permutation < PERMUTATIONS; permutation++) {
                String executionId = "exe_h%02d_p%d".formatted(history, permutation);
                List<ExecutionEvent> delivered =
                        RandomHistories.delivery(RandomHistories.history(historySeed, executionId), random);
                deliveries.put(executionId, delivered);
                published.addAll(delivered);
            }
        }
        DemoPublisher.publish(infra.bootstrapServers(), infra.topic(), published);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static Map<String, Map<String, Object>> expectedItems() {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        deliveries.forEach((id, delivered) -> ContractModel.expectedItem(delivered).ifPresent(item -> expected.put(id, item)));
        return expected;
    }

    @Test
    void everyRowEqualsTheContractModelWhateverTheDeliveryOrder() throws Exception {
        Map<String, Map<String, Object>> expected = expectedItems();
        ApiTokens tokens = ledger.querySide().getBean(ApiTokens.class);
        Map<String, String> tokenByOrganization = new HashMap<>();
        for (String organization : List.of("org_prop_0", "org_prop_1", "org_prop_2", RandomHistories.FOREIGN_ORGANIZATION)) {
            tokenByOrganization.put(organization, tokens.create(organization, "property").token());
        }

        Map<String, Map<String, Object>> actual = Map.of();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            actual = listedItems(tokenByOrganization);
            if (actual.equals(expected)) {
                break;
            }
            Thread.sleep(500);
        }

        assertThat(expected.size()).as("listed executions in the model").isGreaterThan(HISTORIES * PERMUTATIONS / 2);
        assertThat(actual).containsOnlyKeys(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as(id + " delivered as " + describe(deliveries.get(id))).isEqualTo(expected.get(id));
        }
        assertThat(listedItems(Map.of("intruder", tokenByOrganization.get(RandomHistories.FOREIGN_ORGANIZATION))))
                .as("the intruder sees nothing").isEmpty();
    }

    @Test
    void permutationsOfOneHistoryConvergeOnOneRow() {
        Map<String, Map<String, Object>> expected = expectedItems();
        for (int history = 0; history < HISTORIES; history++) {
            Set<Map<String, Object>> rows = new HashSet<>();
            for (int permutation = 0; permutation < PERMUTATIONS; permutation++) {
                Map<String, Object> row = expected.get("exe_h%02d_p%d".formatted(history, permutation));
                if (row != null) {
                    Map<String, Object> withoutId = new TreeMap<>(row);
                    withoutId.remove("id");
                    rows.add(withoutId);
                }
            }
            assertThat(rows).as("history " + history).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void theLedgerHoldsEachAcceptedEventExactlyOnce() throws Exception {
        JdbcTemplate jdbc = ledger.commandSide().getBean(JdbcTemplate.class);
        everyRowEqualsTheContractModelWhateverTheDeliveryOrder(); // waits until everything has been ingested
        for (Map.Entry<String, List<ExecutionEvent>> delivery : deliveries.entrySet()) {
            List<String> stored = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("""
                    SELECT payload_type, payload FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                    delivery.getKey())) {
                if (!row.get("payload_type").toString().endsWith("EventRejected")) {
                    stored.add(JSON.readTree((byte[]) row.get("payload")).at("/header/eventId").asText());
                }
            }
            assertThat(stored).as(delivery.getKey()).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(acceptedInArrivalOrder(delivery.getValue()));
        }
    }

    /** What the ledger must append: first deliveries, minus foreign events that came after the owner was known. */
    private static List<String> acceptedInArrivalOrder(List<ExecutionEvent> delivered) {
        Set<String> accepted = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Optional<String> owner = Optional.empty();
        for (ExecutionEvent event : delivered) {
            if (!seen.add(event.header().eventId())) {
                continue;
            }
            if (owner.isPresent() && !owner.get().equals(event.header().organizationId())) {
                continue;
            }
            accepted.add(event.header().eventId());
            if (owner.isEmpty() && event.type().wireName().equals("execution_created")) {
                owner = Optional.of(event.header().organizationId());
            }
        }
        return new ArrayList<>(accepted);
    }

    private static String describe(List<ExecutionEvent> delivered) {
        return delivered.stream().map(event -> event.type().wireName() + "/" + event.header().eventId() + "@"
                + event.header().occurredAt().getEpochSecond() % 1000 + "/" + event.header().organizationId()).toList().toString();
    }

    private static Map<String, Map<String, Object>> listedItems(Map<String, String> tokenByOrganization) throws Exception {
        Map<String, Map<String, Object>> items = new TreeMap<>();
        for (String token : tokenByOrganization.values()) {
            for (int offset = 0; ; offset += 100) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + ledger.apiPort()
                        + "/v1/executions?limit=100&offset=" + offset)).header("Authorization", "Bearer " + token).build();
                JsonNode page = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode item : page.at("/data/items")) {
                    items.put(item.get("id").asText(), JSON.convertValue(item, new TypeReference<Map<String, Object>>() { }));
                }
                if (!page.at("/data/hasMore").asBoolean()) {
                    break;
                }
            }
        }
        return items;
    }
}
