package com.executionledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Versions of a type's data on the wire (EVOLUTION.md): workflow_failed's version 1 and 2 side by side. */
class DataVersionsTest {

    private final EnvelopeReader reader = new EnvelopeReader();
    private final EnvelopeWriter writer = new EnvelopeWriter();

    private static String failed(String version, String data) {
        return """
                {"eventId":"evt_1","type":"workflow_failed",%s"executionId":"exe_1","organizationId":"org_acme",
                 "occurredAt":"2026-11-28T10:15:30.123Z","sourceSystem":"workflows","data":%s}
                """.formatted(version == null ? "" : "\"dataVersion\":" + version + ",", data);
    }

    private ReadResult read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutADataVersionAnEventIsVersionOneAndReadsAsTheCurrentVersion() {
        ExecutionEvent event = ((ReadResult.Accepted) read(failed(null, "{\"statusReason\":\"timed out\",\"extra\":1}"))).event();

        assertThat(event).isInstanceOf(WorkflowFailedV1.class);
        assertThat(event.dataVersion()).isEqualTo(1);
        assertThat(event.current()).isEqualTo(new WorkflowFailed(event.header(),
                new WorkflowError(WorkflowError.UNSPECIFIED, "timed out", null), null, Map.of("extra", 1)));
        assertThat(((WorkflowFailed) event.current()).statusReason()).isEqualTo("timed out");
    }

    @Test
    void versionTwoCarriesAStructuredError() {
        WorkflowFailed event = (WorkflowFailed) ((ReadResult.Accepted) read(failed("2",
                "{\"error\":{\"code\":\"OOM\",\"message\":\"out of memory\",\"retryable\":true},\"responsePayload\":{\"a\":1}}"))).event();

        assertThat(event.dataVersion()).isEqualTo(2);
        assertThat(event.error()).isEqualTo(new WorkflowError("OOM", "out of memory", true));
        assertThat(event.statusReason()).isEqualTo("out of memory");
        assertThat(event.responsePayload()).isEqualTo(Map.of("a", 1));
        assertThat(event.current()).isSameAs(event);
    }

    @Test
    void eachVersionIsWrittenAsItIsRead() {
        for (String json : new String[] {failed(null, "{\"statusReason\":\"timed out\"}"),
                failed("2", "{\"error\":{\"code\":\"OOM\",\"message\":null,\"retryable\":null}}")}) {
            ExecutionEvent event = ((ReadResult.Accepted) read(json)).event();
            ExecutionEvent again = ((ReadResult.Accepted) reader.read(writer.write(event))).event();
            assertThat(again).isEqualTo(event);
        }
        assertThat(writer.envelope(new WorkflowFailed(TestEvents.of("x", "o").header("e", 1), "r", null, Map.of())))
                .containsEntry("dataVersion", 2);
        assertThat(writer.envelope(TestEvents.of("x", "o").queued("q", 1))).doesNotContainKey("dataVersion");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3|{}|dataVersion 3 of workflow_failed is unknown: this ledger reads versions 1 to 2",
            "0|{}|dataVersion 0 of workflow_failed is unknown: this ledger reads versions 1 to 2",
            "\"2\"|{}|dataVersion must be a whole number",
            "1.5|{}|dataVersion must be a whole number",
            "2|{}|data.error is required for workflow_failed",
            "2|{\"error\":\"boom\"}|data.error must be a JSON object with code, message and retryable",
            "2|{\"error\":{\"message\":\"m\"}}|data.error.code is required for workflow_failed version 2",
            "2|{\"error\":{\"code\":7}}|data.error.code must be a string",
            "2|{\"error\":{\"code\":\"c\",\"retryable\":\"yes\"}}|data.error.retryable must be true or false",
            "2|{\"error\":{\"code\":\"c\",\"stack\":\"...\"}}|data.error.stack is not a field of error (code, message, retryable)",
    })
    void aVersionOrErrorTheLedgerCannotReadIsRefusedByName(String version, String data, String reason) {
        ReadResult result = read(failed(version, data));

        assertThat(result).isInstanceOf(ReadResult.Invalid.class);
        assertThat(((ReadResult.Invalid) result).reason()).isEqualTo(reason);
    }

    @Test
    void aTypeWithOneVersionRefusesASecond() {
        String queued = """
                {"eventId":"e","type":"workflow_queued","dataVersion":2,"executionId":"x","organizationId":"o",
                 "occurredAt":"2026-11-28T10:15:30Z","sourceSystem":"wf"}""";

        assertThat(((ReadResult.Invalid) read(queued)).reason())
                .isEqualTo("dataVersion 2 of workflow_queued is unknown: this ledger reads version 1");
    }
}
