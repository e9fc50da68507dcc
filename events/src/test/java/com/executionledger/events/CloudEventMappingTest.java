package com.executionledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CloudEvents 1.0 onto the envelope: the same event in either form reads the same; what cannot map says why. */
class CloudEventMappingTest {

    private static final String STRUCTURED = """
            {"specversion":"1.0","id":"evt_9","type":"%s","source":"workflows","subject":"exe_1",
             "time":"2026-11-28T10:15:30.123Z","organizationid":"org_acme","dataversion":2,
             "datacontenttype":"application/json","data":{"error":{"code":"OOM","message":"out of memory","retryable":true}}}""";

    private final EnvelopeReader reader = new EnvelopeReader();

    private ExecutionEvent read(CloudEventMapping.Mapped mapped) {
        assertThat(mapped).isInstanceOf(CloudEventMapping.Envelope.class);
        return ((ReadResult.Accepted) reader.read(((CloudEventMapping.Envelope) mapped).bytes())).event();
    }

    private static WorkflowFailed expected() {
        return new WorkflowFailed(new EventHeader("evt_9", "exe_1", "org_acme",
                Instant.parse("2026-11-28T10:15:30.123Z"), "workflows"),
                new WorkflowError("OOM", "out of memory", true), null, Map.of());
    }

    @Test
    void aStructuredEventReadsAsTheSameEventAsItsEnvelope() {
        assertThat(read(CloudEventMapping.structured(STRUCTURED.formatted("workflow_failed").getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(expected());
        assertThat(read(CloudEventMapping.structured(STRUCTURED.formatted("com.executionledger.workflow_failed")
                .getBytes(StandardCharsets.UTF_8)))).as("the reverse-DNS type").isEqualTo(expected());
    }

    @Test
    void aBinaryEventReadsFromItsHeadersAndItsData() {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("specversion", "1.0", "id", "evt_9", "type", "workflow_failed",
                "source", "workflows", "subject", "exe_1", "time", "2026-11-28T10:15:30.123Z", "organizationid", "org_acme",
                "dataversion", "2", "datacontenttype", "application/json"));
        byte[] data = "{\"error\":{\"code\":\"OOM\",\"message\":\"out of memory\",\"retryable\":true}}".getBytes(StandardCharsets.UTF_8);

        assertThat(read(CloudEventMapping.binary(attributes, data))).isEqualTo(expected());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"specversion\":\"1.0\",|\"specversion\":\"0.3\",|specversion '0.3' is not taken: send CloudEvents 1.0",
            "\"specversion\":\"1.0\",||specversion is required: this ledger takes CloudEvents 1.0",
            "\"subject\":\"exe_1\",||subject is required, as a string: the execution's id",
            "\"organizationid\":\"org_acme\",||organizationid is required, as a string: the organization's id (an extension)",
            "\"datacontenttype\":\"application/json\",|\"datacontenttype\":\"application/xml\",|datacontenttype application/xml is not taken: send data as JSON",
            "\"data\":{|\"data_base64\":\"e30=\",\"data\":{|data_base64 is not taken: send data as JSON",
    })
    void whatCannotBeAnEnvelopeIsRefusedWithWhy(String from, String to, String reason) {
        String event = STRUCTURED.formatted("workflow_failed").replace(from, to == null ? "" : to);

        CloudEventMapping.Mapped mapped = CloudEventMapping.structured(event.getBytes(StandardCharsets.UTF_8));

        assertThat(mapped).isInstanceOf(CloudEventMapping.Refused.class);
        assertThat(((CloudEventMapping.Refused) mapped).reason().reason()).isEqualTo(reason);
        assertThat(((CloudEventMapping.Refused) mapped).original()).isEqualTo(event.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theContractsOwnRulesStillApplyAfterTheMapping() {
        String event = STRUCTURED.formatted("workflow_failed").replace("\"subject\":\"exe_1\"", "\"subject\":\"exe 1\"");

        CloudEventMapping.Mapped mapped = CloudEventMapping.structured(event.getBytes(StandardCharsets.UTF_8));

        assertThat(reader.read(((CloudEventMapping.Envelope) mapped).bytes()))
                .isEqualTo(new ReadResult.Invalid("executionId may hold only A-Z a-z 0-9 . _ : ~ -", "evt_9", null));
    }

    @Test
    void bytesThatAreNoJsonObjectAreRefusedAndKept() {
        CloudEventMapping.Mapped mapped = CloudEventMapping.structured("[1]".getBytes(StandardCharsets.UTF_8));

        assertThat(((CloudEventMapping.Refused) mapped).reason().reason()).isEqualTo("a CloudEvent in structured mode must be a JSON object");
    }
}
