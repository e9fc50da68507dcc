package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.executionledger.events.WorkflowError;
import com.executionledger.events.WorkflowFailed;
import com.executionledger.events.WorkflowFailedV1;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Versions of an event type's data across an upgrade (events/EVOLUTION.md): version 1 and 2 of
 * workflow_failed delivered side by side converge on the contract's model; events stored the way
 * a ledger stored them before version 2 existed read as version 2 everywhere (the live
 * projection, a rebuild, the history, an execution loaded again by the command side).
 */
class DataVersionsIntegrationTest {

    private static final String ORGANIZATION = "org_versions";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LEGACY = "exe_versions_legacy";

    private static TestLedger ledger;
    private static String token;
    private static final Map<String, List<ExecutionEvent>> deliveries = new LinkedHashMap<>();

    @BeforeAll
    static void deliverBothVersions() throws Exception {
        ledger = TestLedger.start("versions");
        token = ledger.tokenFor(ORGANIZATION);
        TestEvents legacy = TestEvents.of(LEGACY, ORGANIZATION);
        TestEvents version2 = TestEvents.of("exe_versions_2", ORGANIZATION);
        TestEvents mixed = TestEvents.of("exe_versions_mixed", ORGANIZATION);
        deliver(LEGACY, legacy.created("l.c", 0), legacy.paymentConfirmed("l.p", 1), legacy.running("l.r", 2),
                new WorkflowFailedV1(legacy.header("l.f", 3), "timed out", Map.of("partial", true), Map.of()));
        deliver("exe_versions_2", version2.created("v.c", 0), version2.paymentConfirmed("v.p", 1),
                new WorkflowFailed(version2.header("v.f", 2), new WorkflowError("OOM", "out of memory", true), null, Map.of()));
        // one execution, both versions, the later failure first: the earlier (version 1) one decides
        deliver("exe_versions_mixed", mixed.created("m.c", 0),
                new WorkflowFailed(mixed.header("m.f2", 5), new WorkflowError("OOM", "out of memory", false), null, Map.of()),
                new WorkflowFailedV1(mixed.header("m.f1", 4), "killed", null, Map.of()),
                new WorkflowFailedV1(mixed.header("m.f1", 4), "killed", null, Map.of()));
        await().atMost(WAIT).until(() -> listed().size() == 3);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static void deliver(String executionId, ExecutionEvent... events) throws Exception {
        for (ExecutionEvent event : events) {
            ledger.publishRaw(executionId, new EnvelopeWriter().write(event)); // each in its own version, as producers send them
        }
        deliveries.computeIfAbsent(executionId, id -> new ArrayList<>()).addAll(List.of(events));
    }

    private static Map<String, Map<String, Object>> listed() throws Exception {
        return LedgerChecks.listedItems(ledger.api(), List.of(token));
    }

    private static JdbcTemplate database() {
        return ledger.runtime().querySide().getBean(JdbcTemplate.class);
    }

    @Test
    void bothVersionsConvergeOnTheContractsModelAndAreStoredAsTheyArrived() throws Exception {
        Map<String, Map<String, Object>> expected = LedgerChecks.expectedItems(deliveries);
        assertThat(LedgerChecks.awaitListed(ledger.api(), List.of(token), expected, 60)).isEqualTo(expected);
        assertThat(listed().get("exe_versions_2").get("statusReason")).isEqualTo("out of memory");
        assertThat(listed().get("exe_versions_mixed").get("statusReason")).isEqualTo("killed");

        assertThat(database().queryForList("""
                SELECT payload_type || ' ' || payload_revision FROM domain_event_entry
                WHERE aggregate_identifier = 'exe_versions_mixed' AND payload_type LIKE '%WorkflowFailed%' ORDER BY global_index""",
                String.class)).containsExactly(WorkflowFailed.class.getName() + " 2", WorkflowFailedV1.class.getName() + " 1");
        JsonNode history = ledger.api().json(token, "/v1/executions/exe_versions_mixed/events").at("/data/items");
        assertThat(history.findValuesAsText("outcome")).containsExactly("appended", "appended", "appended", "duplicate");
        assertThat(history.at("/2/envelope/dataVersion").asInt()).as("the history shows the current version").isEqualTo(2);
        assertThat(history.at("/2/envelope/data/error/message").asText()).isEqualTo("killed");
        assertThat(history.at("/2/envelope/data/error/code").asText()).isEqualTo(WorkflowError.UNSPECIFIED);
    }

    @Test
    void aLedgerWrittenBeforeVersionTwoReadsAsVersionTwoEverywhere() throws Exception {
        await().atMost(WAIT).until(() -> "workflow_failed".equals(listed().get(LEGACY).get("status")));
        // as a ledger written before version 2 existed holds it: the type's own name, revision 1, version 1's shape
        assertThat(database().update("UPDATE domain_event_entry SET payload_type = ? WHERE payload_type = ? AND aggregate_identifier = ?",
                WorkflowFailed.class.getName(), WorkflowFailedV1.class.getName(), LEGACY)).isEqualTo(1);
        Map<String, Object> before = listed().get(LEGACY);

        JsonNode asOf = ledger.api().json(token, "/v1/executions/" + LEGACY + "?asOf=2030-01-01T00:00:00Z").at("/data");
        assertThat(asOf.get("statusReason").asText()).isEqualTo("timed out");
        JsonNode history = ledger.api().json(token, "/v1/executions/" + LEGACY + "/events").at("/data/items");
        assertThat(history.at("/3/envelope/data/error/message").asText()).isEqualTo("timed out");

        // Axon's own readers (an execution loaded by the command side, the projection's stream) through its upcaster chain
        List<Object> loaded = new ArrayList<>();
        ledger.runtime().commandSide().getBean(EventStore.class).readEvents(LEGACY).asStream()
                .forEach(message -> loaded.add(message.getPayload()));
        assertThat(loaded.get(3)).isEqualTo(new WorkflowFailed(TestEvents.of(LEGACY, ORGANIZATION).header("l.f", 3),
                new WorkflowError(WorkflowError.UNSPECIFIED, "timed out", null), Map.of("partial", true), Map.of()));

        // a redelivery in version 1 of an event read as version 2 is still the same event
        ledger.publishRaw(LEGACY, new EnvelopeWriter().write(new WorkflowFailedV1(
                TestEvents.of(LEGACY, ORGANIZATION).header("l.f", 3), "timed out", Map.of("partial", true), Map.of())));
        await().atMost(WAIT).until(() -> ledger.api().json(token, "/v1/executions/" + LEGACY + "/events").at("/data/items").size() == 5);
        assertThat(ledger.api().json(token, "/v1/executions/" + LEGACY + "/events").at("/data/items/4/outcome").asText())
                .isEqualTo("duplicate");

        JsonNode started = ledger.api().admin("POST", "/admin/read-model/rebuild", null);
        assertThat(started.at("/code").asInt()).isEqualTo(200);
        await().atMost(WAIT).until(() -> ledger.api().admin("GET", "/admin/read-model/rebuild", null)
                .at("/data/state").asText().equals("COMPARED"));
        JsonNode comparison = ledger.api().admin("GET", "/admin/read-model/rebuild", null).at("/data/comparison");
        assertThat(comparison.get("differences").asInt()).as(comparison.toString()).isZero();
        assertThat(ledger.api().admin("POST", "/admin/read-model/swap", null).at("/data/state").asText()).isEqualTo("SWAPPED");
        assertThat(listed().get(LEGACY)).isEqualTo(before);
        assertThat(listed()).isEqualTo(LedgerChecks.expectedItems(deliveries));

        // the hash chains cover each event as it was stored, so older versions verify as they were appended
        JsonNode digest = ledger.api().admin("GET", "/admin/ledger/digest", null).get("data");
        JsonNode verified = ledger.api().admin("POST", "/admin/ledger/verify", digest.toString()).get("data");
        assertThat(verified.get("firstBrokenLink").isNull()).as(verified.toString()).isTrue();
        assertThat(verified.get("intact").asBoolean()).isTrue();
    }
}
