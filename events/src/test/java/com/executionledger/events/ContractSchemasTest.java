package com.executionledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schemas and the reader agree: every envelope of a corpus of valid and
 * invalid ones (each type and version, and each kind of mistake a schema can express) is
 * accepted by the envelope schema exactly when the reader accepts it.
 */
class ContractSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URI = "https://ledger.test/schemas/envelope.json";
    private static final TestEvents EVENTS = TestEvents.of("exe_1", "org_acme");

    private final EnvelopeReader reader = new EnvelopeReader();
    private final Schema envelope = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012(),
            registry -> registry.schemas(Map.of(URI, write(ContractSchemas.envelope())))).getSchema(SchemaLocation.of(URI));

    @Test
    void everyTypeAndVersionAsProducersWriteItIsValid() {
        List<ExecutionEvent> events = List.of(EVENTS.created("c", 0), EVENTS.createdWithoutPayment("c2", 0),
                EVENTS.paymentConfirmed("p", 1), EVENTS.paymentFailed("pf", 1, "declined"), EVENTS.paymentRefunded("r", 2),
                EVENTS.queued("q", 2), EVENTS.running("u", 3), EVENTS.waiting("w", 4, "input\tneeded\n"),
                EVENTS.succeeded("s", 5), EVENTS.failed("f", 5, "timed out"), EVENTS.cancelled("x", 5, "by user"),
                new WorkflowFailedV1(EVENTS.header("f1", 5), "timed out", Map.of("partial", true), Map.of("extra", 1)),
                new WorkflowFailed(EVENTS.header("f2", 5), new WorkflowError("OOM", null, null), null, Map.of()));
        for (ExecutionEvent event : events) {
            JsonNode written = JSON.valueToTree(new EnvelopeWriter().envelope(event));
            assertThat(envelope.validate(written)).as(written.toString()).isEmpty();
            assertThat(reader.read(written)).as(written.toString()).isInstanceOf(ReadResult.Accepted.class);
        }
    }

    @Test
    void theSchemaRefusesWhatTheReaderRefusesAndAcceptsWhatItAccepts() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("as written", envelope -> { }));
        cases.add(new Case("no eventId", envelope -> envelope.remove("eventId")));
        cases.add(new Case("eventId with a space", envelope -> envelope.put("eventId", "evt 1")));
        cases.add(new Case("eventId of 129 characters", envelope -> envelope.put("eventId", "e".repeat(129))));
        cases.add(new Case("executionId null", envelope -> envelope.putNull("executionId")));
        cases.add(new Case("unknown type", envelope -> envelope.put("type", "workflow_qeued")));
        cases.add(new Case("sourceSystem blank", envelope -> envelope.put("sourceSystem", "  ")));
        cases.add(new Case("sourceSystem with a newline", envelope -> envelope.put("sourceSystem", "pay\nments")));
        cases.add(new Case("sourceSystem of 256 characters", envelope -> envelope.put("sourceSystem", "s".repeat(256))));
        cases.add(new Case("occurredAt not an instant", envelope -> envelope.put("occurredAt", "yesterday")));
        cases.add(new Case("occurredAt with an offset", envelope -> envelope.put("occurredAt", "2026-11-28T12:00:00+02:00")));
        cases.add(new Case("data an array", envelope -> envelope.putArray("data")));
        cases.add(new Case("data null", envelope -> envelope.putNull("data")));
        cases.add(new Case("an unknown envelope field", envelope -> envelope.put("traceId", "abc")));
        cases.add(new Case("dataVersion 1", envelope -> envelope.put("dataVersion", 1)));
        cases.add(new Case("dataVersion null", envelope -> envelope.putNull("dataVersion")));
        cases.add(new Case("dataVersion 2 of a type with one", envelope -> envelope.put("dataVersion", 2)));
        cases.add(new Case("dataVersion a string", envelope -> envelope.put("dataVersion", "1")));
        cases.add(new Case("runId a number", envelope -> data(envelope).put("runId", 7)));
        cases.add(new Case("runId null", envelope -> data(envelope).putNull("runId")));
        cases.add(new Case("runId with a tab", envelope -> data(envelope).put("runId", "run\t1")));
        cases.add(new Case("an unknown data field", envelope -> data(envelope).put("colour", "blue")));
        for (Case mistake : cases) {
            assertAgree(mistake, EVENTS.queued("q", 2));
        }

        List<Case> created = List.of(
                new Case("as written", envelope -> { }),
                new Case("no workflowId", envelope -> data(envelope).remove("workflowId")),
                new Case("no data at all", envelope -> envelope.remove("data")),
                new Case("workflowId null", envelope -> data(envelope).putNull("workflowId")),
                new Case("paymentRequired a string", envelope -> data(envelope).put("paymentRequired", "no")),
                new Case("requestPayload a string", envelope -> data(envelope).put("requestPayload", "{}")),
                new Case("initiatedByType of 65 characters", envelope -> data(envelope).put("initiatedByType", "t".repeat(65))));
        created.forEach(mistake -> assertAgree(mistake, EVENTS.created("c", 0)));

        List<Case> failed = List.of(
                new Case("version 2 as written", envelope -> { }),
                new Case("version 3", envelope -> envelope.put("dataVersion", 3)),
                new Case("version 2 without error", envelope -> data(envelope).remove("error")),
                new Case("error without code", envelope -> ((ObjectNode) data(envelope).get("error")).remove("code")),
                new Case("error with another field", envelope -> ((ObjectNode) data(envelope).get("error")).put("stack", "...")),
                new Case("retryable a string", envelope -> ((ObjectNode) data(envelope).get("error")).put("retryable", "yes")),
                new Case("message of 1,025 characters", envelope -> ((ObjectNode) data(envelope).get("error")).put("message", "m".repeat(1025))),
                new Case("message with newlines", envelope -> ((ObjectNode) data(envelope).get("error")).put("message", "a\nb\tc")),
                new Case("version 1 with statusReason", envelope -> {
                    envelope.remove("dataVersion");
                    data(envelope).remove("error");
                    data(envelope).put("statusReason", "timed out");
                }),
                new Case("version 1 with an error field", envelope -> envelope.put("dataVersion", 1)));
        failed.forEach(mistake -> assertAgree(mistake, new WorkflowFailed(EVENTS.header("f", 5),
                new WorkflowError("OOM", "out of memory", true), null, Map.of())));
    }

    @Test
    void eachTypeAndVersionHasItsDataSchema() {
        JsonNode all = JSON.valueToTree(ContractSchemas.all());
        assertThat(all.at("/types/workflow_failed/currentVersion").asInt()).isEqualTo(2);
        assertThat(all.at("/types/workflow_failed/versions/1/properties").has("statusReason")).isTrue();
        assertThat(all.at("/types/workflow_failed/versions/2/required/0").asText()).isEqualTo("error");
        assertThat(all.at("/types/execution_created/versions/1/required/0").asText()).isEqualTo("workflowId");
        assertThat(all.get("types").size()).isEqualTo(EventType.values().length);
    }

    private record Case(String name, Consumer<ObjectNode> change) {
    }

    private void assertAgree(Case mistake, ExecutionEvent base) {
        ObjectNode changed = JSON.valueToTree(new EnvelopeWriter().envelope(base));
        mistake.change().accept(changed);
        boolean readerAccepts = reader.read(changed.toString().getBytes(StandardCharsets.UTF_8)) instanceof ReadResult.Accepted;
        assertThat(envelope.validate(changed).isEmpty())
                .as("%s of %s: the reader %s it (%s)", mistake.name(), base.type().wireName(),
                        readerAccepts ? "accepts" : "refuses", reader.read(changed))
                .isEqualTo(readerAccepts);
    }

    private static ObjectNode data(ObjectNode envelope) {
        return (ObjectNode) envelope.get("data");
    }

    private static String write(Object schema) {
        try {
            return JSON.writeValueAsString(schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
