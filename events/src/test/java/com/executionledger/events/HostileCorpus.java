package com.executionledger.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Malformed and edge-case envelopes: every row of the contract's limits table on both sides of
 * its bound, and the odd bytes a careless or hostile producer sends. Each case says what the
 * ledger must answer: accepted, or rejected with a reason that contains {@code reason}. Ids are
 * prefixed, so that one corpus can be sent down several paths without the cases meeting.
 */
public final class HostileCorpus {

    /** One envelope as delivered; {@code reason} null when it must be accepted; {@code payload} null is a tombstone. */
    public record Case(String name, byte[] payload, String reason, String executionId) {

        public boolean accepted() {
            return reason == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final String prefix;
    private final Instant now;
    private final List<Case> cases = new ArrayList<>();
    private int count;

    private HostileCorpus(String prefix, Instant now) {
        this.prefix = prefix;
        this.now = now;
    }

    /** The corpus with ids starting with {@code prefix}, for a ledger whose clock reads about {@code now}. */
    public static List<Case> cases(String prefix, Instant now) {
        HostileCorpus corpus = new HostileCorpus(prefix, now);
        corpus.build();
        return List.copyOf(corpus.cases);
    }

    private void build() {
        rawCase("tombstone", null, "tombstone");
        rawCase("empty record", new byte[0], "envelope is empty");
        rawCase("not UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "malformed JSON");
        rawCase("not JSON", bytes("hello"), "malformed JSON");
        rawCase("a JSON array", bytes("[]"), "must be a JSON object");
        rawCase("a JSON string", bytes("\"evt\""), "must be a JSON object");
        String twoValues = envelope("two_values", "workflow_queued", "{}");
        rawCase("two JSON values", bytes(twoValues + twoValues), "trailing content");
        rawCase("trailing garbage", bytes(envelope("trailing", "workflow_queued", "{}") + " x"), "trailing content");
        add("trailing whitespace", envelope("whitespace", "workflow_queued", "{}") + " \n\t ", null);
        add("duplicate key", envelope("dup_key", "workflow_queued", "{}").replace("{\"eventId\"", "{\"type\":\"x\",\"eventId\""),
                "Duplicate field");

        String blob = "x".repeat(ContractLimits.MAX_ENVELOPE_BYTES);
        String atLimit = envelope("size_at", "workflow_succeeded", "{\"responsePayload\":{\"blob\":\"%s\"}}");
        int room = ContractLimits.MAX_ENVELOPE_BYTES - bytes(atLimit.formatted("")).length;
        add("envelope of exactly 256 KiB", atLimit.formatted(blob.substring(0, room)), null);
        add("envelope one byte over 256 KiB", envelope("size_over", "workflow_succeeded",
                "{\"responsePayload\":{\"blob\":\"%s\"}}").formatted(blob.substring(0, room + 1)), "over the limit of 262144");

        for (String key : List.of("eventId", "executionId", "organizationId")) {
            keyCase(key, "x".repeat(ContractLimits.MAX_KEY_LENGTH), null);
            keyCase(key, "x".repeat(ContractLimits.MAX_KEY_LENGTH + 1), key + " is 129 characters");
            keyCase(key, "a/b", key + " may hold only");
            keyCase(key, "", key + " must not be blank");
        }
        add("key of every allowed character", withField(envelope("allowed", "workflow_queued", "{}"), "eventId",
                "AZaz09._:~-" + prefix + "allowed"), null);

        for (String field : List.of("workflowId", "idempotencyKey", "externalRef", "initiatedById", "sourceEntityId",
                "checkoutSessionId", "orderId")) {
            dataTextCase("execution_created", field, 255, 256, true);
        }
        dataTextCase("workflow_running", "runId", 255, 256, false);
        for (String field : List.of("initiatedByType", "sourceEntityType")) {
            dataTextCase("execution_created", field, 64, 65, true);
        }
        dataTextCase("payment_confirmed", "paymentStatus", 64, 65, false);
        add("sourceSystem of 255", withField(envelope("src_255", "workflow_queued", "{}"), "sourceSystem", "s".repeat(255)), null);
        add("sourceSystem of 256", withField(envelope("src_256", "workflow_queued", "{}"), "sourceSystem", "s".repeat(256)),
                "sourceSystem is 256 characters");
        add("sourceSystem with a control character", withField(envelope("src_ctl", "workflow_queued", "{}"), "sourceSystem",
                "pay\\u0007ments"), "sourceSystem contains the control character U+0007");

        add("statusReason of 1,024 with tab and newline", envelope("reason_1024", "workflow_failed",
                "{\"statusReason\":\"" + "r".repeat(1020) + "\\t\\n\\tr\"}"), null);
        add("statusReason of 1,025", envelope("reason_1025", "workflow_failed", "{\"statusReason\":\"" + "r".repeat(1025) + "\"}"),
                "data.statusReason is 1025 characters");
        add("statusReason with a carriage return", envelope("reason_cr", "payment_failed", "{\"statusReason\":\"a\\rb\"}"),
                "data.statusReason contains the control character U+000D");
        add("statusReason with U+0000", envelope("reason_nul", "workflow_cancelled", "{\"statusReason\":\"a\\u0000b\"}"),
                "statusReason contains U+0000");
        add("empty statusReason", envelope("reason_empty", "workflow_waiting", "{\"statusReason\":\"\"}"), null);

        for (String field : List.of("requestPayload", "clientSafeMetadata")) {
            add(field + " nested 32 deep", created("depth_32_" + field, "\"" + field + "\":" + nested(32)), null);
            add(field + " nested 33 deep", created("depth_33_" + field, "\"" + field + "\":" + nested(33)),
                    "data." + field + " is nested more than 32 deep");
        }
        add("responsePayload nested 32 deep", envelope("depth_32_resp", "workflow_succeeded", "{\"responsePayload\":" + nested(32) + "}"), null);
        add("responsePayload nested 33 deep", envelope("depth_33_resp", "workflow_failed", "{\"responsePayload\":" + nested(33) + "}"),
                "data.responsePayload is nested more than 32 deep");
        add("U+0000 inside requestPayload", created("payload_nul", "\"requestPayload\":{\"note\":\"a\\u0000b\"}"),
                "data.requestPayload.note contains U+0000");
        add("lone surrogate inside an unknown field", envelope("surrogate", "workflow_queued", "{\"extra\":[\"\\ud800x\"]}"),
                "data.extra[0] contains a lone surrogate");
        add("lone surrogate in a field name", envelope("surrogate_name", "workflow_queued", "{\"\\udc00\":1}"),
                "a field name in data contains a lone surrogate");
        add("a surrogate pair is fine", envelope("pair", "workflow_queued", "{\"emoji\":\"\\ud83d\\ude00\"}"), null);
        add("number out of range", envelope("huge_number", "workflow_succeeded", "{\"responsePayload\":{\"n\":1e400}}"),
                "data.responsePayload.n is a number out of range");

        add("occurredAt at 2000-01-01", withField(envelope("at_2000", "workflow_queued", "{}"), "occurredAt",
                "2000-01-01T00:00:00Z"), null);
        add("occurredAt just before 2000", withField(envelope("before_2000", "workflow_queued", "{}"), "occurredAt",
                "1999-12-31T23:59:59.999Z"), "is before 2000-01-01T00:00:00Z");
        add("occurredAt 23 hours ahead", withField(envelope("ahead_23h", "workflow_queued", "{}"), "occurredAt",
                now.plusSeconds(23 * 3600).toString()), null);
        add("occurredAt 25 hours ahead", withField(envelope("ahead_25h", "workflow_queued", "{}"), "occurredAt",
                now.plusSeconds(25 * 3600).toString()), "more than 24 hours ahead");
        add("occurredAt with an offset", withField(envelope("offset", "workflow_queued", "{}"), "occurredAt",
                "2026-11-28T12:15:30.123+02:00"), null);
        add("occurredAt without a zone", withField(envelope("no_zone", "workflow_queued", "{}"), "occurredAt",
                "2026-11-28T10:15:30"), "is not an ISO-8601 instant");
        add("occurredAt far out of range", withField(envelope("far", "workflow_queued", "{}"), "occurredAt",
                "-1000000000-01-01T00:00:00Z"), "occurredAt");
        add("unknown type", envelope("unknown_type", "payment_teleported", "{}"), "type 'payment_teleported' is unknown");
        add("data not an object", envelope("data_array", "workflow_queued", "[1]"), "data must be a JSON object");
        add("missing workflowId", envelope("no_workflow", "execution_created", "{}"), "data.workflowId is required");
    }

    private void keyCase(String key, String value, String reason) {
        String name = key + " of " + (value.isEmpty() ? "nothing" : value.length() <= 3 ? "'" + value + "'" : value.length() + " characters");
        String id = "key_" + key + "_" + (++count);
        String json = envelope(id, "workflow_queued", "{}");
        if (reason == null) { // a valid long key stays unique to its path by ending with the prefix
            value = value.substring(0, value.length() - prefix.length()) + prefix;
        }
        add(name, withField(json, key, value), reason);
    }

    private void dataTextCase(String type, String field, int fits, int over, boolean inCreated) {
        String data = type.equals("execution_created") && !field.equals("workflowId") ? "\"workflowId\":\"wf\"," : "";
        String ok = "{" + data + "\"" + field + "\":\"" + "v".repeat(fits) + "\"}";
        String tooLong = "{" + data + "\"" + field + "\":\"" + "v".repeat(over) + "\"}";
        String control = "{" + data + "\"" + field + "\":\"a\\u001fb\"}";
        add(field + " of " + fits, envelope(field + "_fits", type, ok), null);
        add(field + " of " + over, envelope(field + "_over", type, tooLong), "data." + field + " is " + over + " characters");
        add(field + " with a control character", envelope(field + "_ctl", type, control),
                "data." + field + " contains the control character U+001F");
    }

    private String created(String name, String data) {
        return envelope(name, "execution_created", "{\"workflowId\":\"wf\"," + data + "}");
    }

    private static String nested(int depth) {
        return "{\"d\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    /** An envelope whose event and execution ids name the case. */
    private String envelope(String name, String type, String data) {
        return """
                {"eventId":"%1$s%2$s","type":"%3$s","executionId":"%1$sexe_%2$s","organizationId":"org_hostile",\
                "occurredAt":"2026-11-28T10:15:30.123Z","sourceSystem":"payments","data":%4$s}""".formatted(prefix, name, type, data);
    }

    private static String withField(String json, String field, String value) {
        return json.replaceFirst("\"" + field + "\":\"[^\"]*\"",
                Matcher.quoteReplacement("\"" + field + "\":\"" + value + "\""));
    }

    private void add(String name, String json, String reason) {
        String executionId = json.replaceFirst("(?s).*\"executionId\":\"([^\"]*)\".*", "$1");
        cases.add(new Case(name, bytes(json), reason, executionId));
    }

    private void rawCase(String name, byte[] payload, String reason) {
        cases.add(new Case(name, payload, reason, null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
