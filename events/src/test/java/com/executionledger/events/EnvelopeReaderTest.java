package com.executionledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeReaderTest {

    private final EnvelopeReader reader = new EnvelopeReader();

    private static String envelope(String type, String data) {
        return """
                {"eventId":"evt_1","type":"%s","executionId":"exe_1","organizationId":"org_acme",
                 "occurredAt":"2026-11-28T10:15:30.123Z","sourceSystem":"payments","data":%s}
                """.formatted(type, data);
    }

    private ReadResult read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private String reasonFor(String json) {
        ReadResult result = read(json);
        assertThat(result).isInstanceOf(ReadResult.Invalid.class);
        return ((ReadResult.Invalid) result).reason();
    }

    @Test
    void readsExecutionCreatedWithTypedFieldsAndKeepsUnknownOnes() {
        ReadResult result = read(envelope("execution_created",
                "{\"workflowId\":\"wf_1\",\"requestPayload\":{\"a\":1},\"paymentRequired\":false,\"color\":\"blue\"}"));

        ExecutionCreated created = (ExecutionCreated) ((ReadResult.Accepted) result).event();
        assertThat(created.header()).isEqualTo(new EventHeader(
                "evt_1", "exe_1", "org_acme", Instant.parse("2026-11-28T10:15:30.123Z"), "payments"));
        assertThat(created.workflowId()).isEqualTo("wf_1");
        assertThat(created.requestPayload()).isEqualTo(Map.of("a", 1));
        assertThat(created.requiresPayment()).isFalse();
        assertThat(created.otherData()).isEqualTo(Map.of("color", "blue"));
    }

    @Test
    void paymentConfirmedDefaultsPaymentStatusToPaid() {
        PaymentConfirmed confirmed = (PaymentConfirmed) ((ReadResult.Accepted) read(envelope("payment_confirmed", "{}"))).event();

        assertThat(confirmed.paymentStatus()).isEqualTo("paid");
    }

    @Test
    void missingDataIsAnEmptyObject() {
        ReadResult result = read("""
                {"eventId":"e","type":"workflow_queued","executionId":"x","organizationId":"o",
                 "occurredAt":"2026-11-28T10:15:30Z","sourceSystem":"wf"}""");

        assertThat(((ReadResult.Accepted) result).event()).isInstanceOf(WorkflowQueued.class);
    }

    @Test
    void acceptsAnInstantWithAnOffset() {
        ReadResult result = read(envelope("workflow_queued", "{}").replace("2026-11-28T10:15:30.123Z", "2026-11-28T11:15:30.123+01:00"));

        assertThat(((ReadResult.Accepted) result).event().header().occurredAt()).isEqualTo("2026-11-28T10:15:30.123Z");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eventId", "type", "executionId", "organizationId", "occurredAt", "sourceSystem"})
    void namesAMissingRequiredField(String field) {
        String json = envelope("workflow_queued", "{}").replaceAll("\"" + field + "\":\"[^\"]*\",?", "");

        assertThat(reasonFor(json)).isEqualTo(field + " is required");
    }

    @Test
    void namesTheUnknownType() {
        assertThat(reasonFor(envelope("payment_teleported", "{}")))
                .startsWith("type 'payment_teleported' is unknown; expected one of: execution_created");
    }

    @Test
    void namesTheUnparseableInstant() {
        assertThat(reasonFor(envelope("workflow_queued", "{}").replace("2026-11-28T10:15:30.123Z", "yesterday")))
                .startsWith("occurredAt 'yesterday' is not an ISO-8601 instant");
    }

    @Test
    void namesAMissingRequiredDataField() {
        assertThat(reasonFor(envelope("execution_created", "{}"))).isEqualTo("data.workflowId is required for execution_created");
    }

    @Test
    void namesDataOfTheWrongShape() {
        assertThat(reasonFor(envelope("workflow_succeeded", "{\"responsePayload\":\"ok\"}")))
                .isEqualTo("data.responsePayload must be a JSON object");
        assertThat(reasonFor(envelope("workflow_queued", "{\"runId\":42}"))).isEqualTo("data.runId must be a string");
        assertThat(reasonFor(envelope("execution_created", "{\"workflowId\":\"w\",\"paymentRequired\":\"no\"}")))
                .isEqualTo("data.paymentRequired must be true or false");
        assertThat(reasonFor(envelope("workflow_queued", "[1,2]"))).isEqualTo("data must be a JSON object");
    }

    @Test
    void rejectsAFieldOfTheWrongType() {
        assertThat(reasonFor(envelope("workflow_queued", "{}").replace("\"exe_1\"", "7"))).isEqualTo("executionId must be a string");
    }

    @Test
    void keepsTheIdsItCouldReadBesideTheReason() {
        ReadResult.Invalid invalid = (ReadResult.Invalid) read(envelope("nope", "{}"));

        assertThat(invalid.eventId()).isEqualTo("evt_1");
        assertThat(invalid.executionId()).isEqualTo("exe_1");
    }

    @Test
    void rejectsMalformedJsonWithItsLocation() {
        assertThat(reasonFor("{\"eventId\": ")).startsWith("malformed JSON: ").contains("line 1");
        assertThat(reasonFor("[]")).isEqualTo("envelope must be a JSON object");
        assertThat(reasonFor("{\"eventId\":\"a\",\"eventId\":\"b\"}")).contains("Duplicate field 'eventId'");
    }

    @Test
    void rejectsAnEnvelopeOverTheSizeLimit() {
        String big = envelope("workflow_succeeded", "{\"responsePayload\":{\"blob\":\"" + "x".repeat(EnvelopeReader.MAX_ENVELOPE_BYTES) + "\"}}");

        assertThat(reasonFor(big)).matches("envelope is \\d+ bytes, over the limit of 262144 bytes");
    }

    @Test
    void anArraysElementsAreTheBytesThatWereSent() {
        String first = "{\"n\": 1e400, \"a\":\"x\" }";
        String second = "{\"k\":1,\"k\":2}";
        byte[] body = (" [ " + first + " ,\n" + second + ", \"s\\\"t\" , 7 ] ").getBytes(StandardCharsets.UTF_8);

        assertThat(EventJson.arrayElements(body).orElseThrow()).extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactly(first, second, "\"s\\\"t\"", "7");
        assertThat(EventJson.arrayElements("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EventJson.arrayElements("[1] [2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EventJson.arrayElements("[1,".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void writerAndReaderRoundTrip() {
        EventHeader header = new EventHeader("evt_9", "exe_9", "org_9", Instant.parse("2026-01-02T03:04:05Z"), "workflows");
        WorkflowFailed failed = new WorkflowFailed(header, "boom", Map.of("code", "E1"), Map.of("attempt", 3));

        ReadResult result = reader.read(new EnvelopeWriter().write(failed));

        assertThat(((ReadResult.Accepted) result).event()).isEqualTo(failed);
    }
}
