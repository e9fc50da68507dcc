package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the delivery tests check against the contract: the API's rows and the ledger's events. */
final class LedgerChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerChecks() {
    }

    /** The contract model's row for each delivery that lists an execution. */
    static Map<String, Map<String, Object>> expectedItems(Map<String, List<ExecutionEvent>> deliveries) {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        deliveries.forEach((id, delivered) -> ContractModel.expectedItem(delivered).ifPresent(item -> expected.put(id, item)));
        return expected;
    }

    /** Every item the API lists to these tokens, by id. */
    static Map<String, Map<String, Object>> listedItems(ApiClient api, Iterable<String> tokens) throws Exception {
        Map<String, Map<String, Object>> items = new TreeMap<>();
        for (String token : tokens) {
            for (int offset = 0; ; offset += 100) {
                JsonNode page = api.json(token, "/v1/executions?limit=100&offset=" + offset);
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

    /** Polls the API until it lists exactly the expected rows, or the time is up; answers what it last saw. */
    static Map<String, Map<String, Object>> awaitListed(ApiClient api, Iterable<String> tokens,
                                                        Map<String, Map<String, Object>> expected, long seconds) throws Exception {
        AtomicReference<Map<String, Map<String, Object>>> actual = new AtomicReference<>(Map.of());
        try {
            await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try {
                    actual.set(listedItems(api, tokens));
                } catch (java.io.IOException unavailable) {
                    actual.set(Map.of());
                }
                return actual.get().equals(expected);
            });
        } catch (ConditionTimeoutException notYet) {
            // the caller's assertion shows what differs
        }
        return actual.get();
    }

    /** Each event the ledger had to accept is in the event store once, in arrival order, and nothing else is. */
    static void assertEachAcceptedEventStoredOnce(JdbcTemplate jdbc, Map<String, List<ExecutionEvent>> deliveries)
            throws Exception {
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

    static String describe(List<ExecutionEvent> delivered) {
        return delivered.stream().map(event -> event.type().wireName() + "/" + event.header().eventId() + "@"
                + event.header().occurredAt().getEpochSecond() % 1000 + "/" + event.header().organizationId()).toList().toString();
    }
}
