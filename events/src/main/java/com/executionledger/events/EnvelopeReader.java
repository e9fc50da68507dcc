package com.executionledger.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.DateTimeException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates envelopes of the contract. Never throws on bad input: every problem comes
 * back as {@link ReadResult.Invalid} with a reason that names the field.
 */
public final class EnvelopeReader {

    /** The contract's limit on one envelope. */
    public static final int MAX_ENVELOPE_BYTES = ContractLimits.MAX_ENVELOPE_BYTES;

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper mapper = EventJson.mapper();
    private final Clock clock;

    /** A reader that takes "now", for the latest {@code occurredAt} it accepts, from this clock. */
    public EnvelopeReader(Clock clock) {
        this.clock = clock;
    }

    public EnvelopeReader() {
        this(Clock.systemUTC());
    }

    public ReadResult read(byte[] raw) {
        if (raw == null) {
            return invalid("record has no value (a tombstone); an envelope is required");
        }
        if (raw.length == 0) {
            return invalid("envelope is empty");
        }
        if (raw.length > MAX_ENVELOPE_BYTES) {
            return invalid("envelope is " + raw.length + " bytes, over the limit of " + MAX_ENVELOPE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = EventJson.readOneValue(raw);
        } catch (JacksonException e) {
            return invalid("malformed JSON: " + e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            return invalid("unreadable envelope: " + e.getMessage());
        }
        return read(root);
    }

    public ReadResult read(JsonNode root) {
        if (root == null || !root.isObject()) {
            return invalid("envelope must be a JSON object");
        }
        String eventId = keyOrNull(root, "eventId");
        String executionId = keyOrNull(root, "executionId");
        try {
            checkStrings(root, "");
            EventHeader header = new EventHeader(
                    requiredKey(root, "eventId"),
                    requiredKey(root, "executionId"),
                    requiredKey(root, "organizationId"),
                    requiredInstant(root, "occurredAt"),
                    requiredText(root, "sourceSystem"));
            EventType type = requiredType(root);
            Class<? extends ExecutionEvent> version = dataVersion(root, type);
            JsonNode data = root.get("data");
            if (data != null && !data.isNull() && !data.isObject()) {
                throw new InvalidField("data must be a JSON object");
            }
            return new ReadResult.Accepted(readData(type, version, header, data));
        } catch (InvalidField e) {
            return new ReadResult.Invalid(e.getMessage(), eventId, executionId);
        }
    }

    /** The record of the data's version: {@code dataVersion}, 1 when absent (EVOLUTION.md). */
    private static Class<? extends ExecutionEvent> dataVersion(JsonNode root, EventType type) {
        JsonNode version = root.get("dataVersion");
        if (version == null || version.isNull()) {
            return type.recordOf(1).orElseThrow();
        }
        if (!version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new InvalidField("dataVersion must be a whole number");
        }
        return type.recordOf(version.intValue()).orElseThrow(() -> new InvalidField("dataVersion " + version.intValue()
                + " of " + type.wireName() + " is unknown: this ledger reads version"
                + (type.currentVersion() == 1 ? " 1" : "s 1 to " + type.currentVersion())));
    }

    private ExecutionEvent readData(EventType type, Class<? extends ExecutionEvent> version, EventHeader header, JsonNode data) {
        Map<String, Object> dataFields = new LinkedHashMap<>();
        Map<String, Object> otherData = new LinkedHashMap<>();
        if (data != null && data.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                otherData.put(field.getKey(), mapper.convertValue(field.getValue(), Object.class));
            }
        }
        for (RecordComponent component : EventType.componentsOf(version)) {
            if (!EventType.isDataField(component)) {
                continue;
            }
            String name = component.getName();
            otherData.remove(name);
            JsonNode value = data == null ? null : data.get(name);
            if (value == null || value.isNull()) {
                if (type.isRequired(name)) {
                    throw new InvalidField("data." + name + " is required for " + type.wireName());
                }
                continue;
            }
            dataFields.put(name, typedValue(component.getType(), name, value));
        }
        if (type == EventType.PAYMENT_CONFIRMED) {
            dataFields.putIfAbsent("paymentStatus", PaymentStatuses.PAID);
        }
        return EventType.newEvent(version, header, dataFields, otherData);
    }

    private Object typedValue(Class<?> javaType, String name, JsonNode value) {
        if (javaType == String.class) {
            if (!value.isTextual()) {
                throw new InvalidField("data." + name + " must be a string");
            }
            ContractLimits.TextLimit limit = ContractLimits.TEXT_FIELDS.getOrDefault(name, ContractLimits.IDENTIFIER);
            String problem = ContractLimits.textProblem(value.asText(), limit);
            if (problem != null) {
                throw new InvalidField("data." + name + " " + problem);
            }
            return value.asText();
        }
        if (javaType == Boolean.class) {
            if (!value.isBoolean()) {
                throw new InvalidField("data." + name + " must be true or false");
            }
            return value.asBoolean();
        }
        if (javaType == Map.class) {
            if (!value.isObject()) {
                throw new InvalidField("data." + name + " must be a JSON object");
            }
            if (depthOf(value) > ContractLimits.MAX_PAYLOAD_DEPTH) {
                throw new InvalidField("data." + name + " is nested more than " + ContractLimits.MAX_PAYLOAD_DEPTH + " deep");
            }
            return mapper.convertValue(value, JSON_OBJECT);
        }
        if (javaType == WorkflowError.class) {
            return workflowError(value);
        }
        throw new IllegalStateException("no JSON mapping for " + javaType);
    }

    /** Version 2's {@code data.error}: a code, and optionally a message and whether a retry may help; nothing else. */
    private WorkflowError workflowError(JsonNode error) {
        if (!error.isObject()) {
            throw new InvalidField("data.error must be a JSON object with code, message and retryable");
        }
        for (Iterator<String> names = error.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("code", "message", "retryable").contains(name)) {
                throw new InvalidField("data.error." + abbreviate(name) + " is not a field of error (code, message, retryable)");
            }
        }
        JsonNode code = error.get("code");
        if (code == null || code.isNull()) {
            throw new InvalidField("data.error.code is required for workflow_failed version 2");
        }
        return new WorkflowError(errorText(code, "code", ContractLimits.SHORT_TEXT),
                errorText(error.get("message"), "message", ContractLimits.STATUS_REASON),
                error.hasNonNull("retryable") ? errorFlag(error.get("retryable")) : null);
    }

    private static String errorText(JsonNode value, String name, ContractLimits.TextLimit limit) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidField("data.error." + name + " must be a string");
        }
        String problem = ContractLimits.textProblem(value.asText(), limit);
        if (problem != null) {
            throw new InvalidField("data.error." + name + " " + problem);
        }
        return value.asText();
    }

    private static Boolean errorFlag(JsonNode value) {
        if (!value.isBoolean()) {
            throw new InvalidField("data.error.retryable must be true or false");
        }
        return value.asBoolean();
    }

    private static EventType requiredType(JsonNode root) {
        String name = requiredPresentText(root, "type");
        Optional<EventType> type = EventType.fromWireName(name);
        return type.orElseThrow(() -> new InvalidField(
                "type '" + abbreviate(name) + "' is unknown; expected one of: " + EventType.wireNames()));
    }

    private Instant requiredInstant(JsonNode root, String field) {
        String text = requiredPresentText(root, field);
        Instant instant = parseInstant(field, text);
        if (instant.isBefore(ContractLimits.EARLIEST_OCCURRED_AT)) {
            throw new InvalidField(field + " '" + abbreviate(text) + "' is before " + ContractLimits.EARLIEST_OCCURRED_AT);
        }
        if (instant.isAfter(clock.instant().plus(ContractLimits.MAX_OCCURRED_AHEAD))) {
            throw new InvalidField(field + " '" + abbreviate(text) + "' is more than "
                    + ContractLimits.MAX_OCCURRED_AHEAD.toHours() + " hours ahead of the ledger's clock");
        }
        return instant;
    }

    private static Instant parseInstant(String field, String text) {
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeException | ArithmeticException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException | ArithmeticException e) {
                throw new InvalidField(field + " '" + abbreviate(text)
                        + "' is not an ISO-8601 instant such as 2026-11-28T10:15:30.123Z");
            }
        }
    }

    private static String requiredKey(JsonNode root, String field) {
        String text = requiredPresentText(root, field);
        String problem = ContractLimits.keyProblem(text);
        if (problem != null) {
            throw new InvalidField(field + " " + problem);
        }
        return text;
    }

    private static String requiredText(JsonNode root, String field) {
        String text = requiredPresentText(root, field);
        String problem = ContractLimits.textProblem(text, ContractLimits.TEXT_FIELDS.get(field));
        if (problem != null) {
            throw new InvalidField(field + " " + problem);
        }
        return text;
    }

    /**
     * Every string of the envelope, names included, is valid Unicode, and every number one that a
     * store can hold (finite as a double).
     */
    private static void checkStrings(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = ContractLimits.unicodeProblem(node.asText());
            if (problem != null) {
                throw new InvalidField(path + " " + problem);
            }
        } else if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            throw new InvalidField(path + " is a number out of range");
        } else if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String problem = ContractLimits.unicodeProblem(field.getKey());
                if (problem != null) {
                    throw new InvalidField("a field name in " + (path.isEmpty() ? "the envelope" : path) + " " + problem);
                }
                checkStrings(field.getValue(), fieldPath);
            }
            if (node.isArray()) {
                int index = 0;
                for (JsonNode element : node) {
                    checkStrings(element, path + "[" + index++ + "]");
                }
            }
        }
    }

    /** How deep a JSON value nests: a scalar 0, an object or array 1 more than its deepest member. */
    private static int depthOf(JsonNode node) {
        int deepest = 0;
        for (JsonNode member : node) {
            deepest = Math.max(deepest, depthOf(member));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    private static String requiredPresentText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidField(field + " is required");
        }
        if (!value.isTextual()) {
            throw new InvalidField(field + " must be a string");
        }
        if (value.asText().isBlank()) {
            throw new InvalidField(field + " must not be blank");
        }
        return value.asText();
    }

    /** The id as given, for the operator, when it keeps the key rule; null otherwise. */
    private static String keyOrNull(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() && ContractLimits.keyProblem(value.asText()) == null ? value.asText() : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static ReadResult invalid(String reason) {
        return new ReadResult.Invalid(reason, null, null);
    }

    /** A validation failure on the way through one envelope; never leaves this class. */
    private static final class InvalidField extends RuntimeException {
        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}
