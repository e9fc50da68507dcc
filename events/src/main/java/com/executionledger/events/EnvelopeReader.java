package com.executionledger.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates envelopes of the contract. Never throws on bad input: every problem comes
 * back as {@link ReadResult.Invalid} with a reason that names the field.
 */
public final class EnvelopeReader {

    /** The contract's limit on one envelope. */
    public static final int MAX_ENVELOPE_BYTES = 256 * 1024;
    /** Ids and names are keys, not documents: longer ones are a producer's mistake. */
    public static final int MAX_ID_LENGTH = 200;

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper mapper = EventJson.mapper();

    public ReadResult read(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return invalid("envelope is empty");
        }
        if (raw.length > MAX_ENVELOPE_BYTES) {
            return invalid("envelope is " + raw.length + " bytes, over the limit of " + MAX_ENVELOPE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(raw);
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
        String eventId = textOrNull(root, "eventId");
        String executionId = textOrNull(root, "executionId");
        try {
            EventHeader header = new EventHeader(
                    requiredId(root, "eventId"),
                    requiredId(root, "executionId"),
                    requiredId(root, "organizationId"),
                    requiredInstant(root, "occurredAt"),
                    requiredId(root, "sourceSystem"));
            EventType type = requiredType(root);
            JsonNode data = root.get("data");
            if (data != null && !data.isNull() && !data.isObject()) {
                throw new InvalidField("data must be a JSON object");
            }
            return new ReadResult.Accepted(readData(type, header, data));
        } catch (InvalidField e) {
            return new ReadResult.Invalid(e.getMessage(), eventId, executionId);
        }
    }

    private ExecutionEvent readData(EventType type, EventHeader header, JsonNode data) {
        Map<String, Object> dataFields = new LinkedHashMap<>();
        Map<String, Object> otherData = new LinkedHashMap<>();
        if (data != null && data.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                otherData.put(field.getKey(), mapper.convertValue(field.getValue(), Object.class));
            }
        }
        for (RecordComponent component : type.components()) {
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
            dataFields.putIfAbsent("paymentStatus", "paid");
        }
        return type.newEvent(header, dataFields, otherData);
    }

    private Object typedValue(Class<?> javaType, String name, JsonNode value) {
        if (javaType == String.class) {
            if (!value.isTextual()) {
                throw new InvalidField("data." + name + " must be a string");
            }
            if (value.asText().isBlank()) {
                throw new InvalidField("data." + name + " must not be blank");
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
            return mapper.convertValue(value, JSON_OBJECT);
        }
        throw new IllegalStateException("no JSON mapping for " + javaType);
    }

    private static EventType requiredType(JsonNode root) {
        String name = requiredText(root, "type");
        Optional<EventType> type = EventType.fromWireName(name);
        return type.orElseThrow(() -> new InvalidField(
                "type '" + abbreviate(name) + "' is unknown; expected one of: " + EventType.wireNames()));
    }

    private static Instant requiredInstant(JsonNode root, String field) {
        String text = requiredText(root, field);
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidField(field + " '" + abbreviate(text)
                        + "' is not an ISO-8601 instant such as 2026-11-28T10:15:30.123Z");
            }
        }
    }

    private static String requiredId(JsonNode root, String field) {
        String text = requiredText(root, field);
        if (text.length() > MAX_ID_LENGTH) {
            throw new InvalidField(field + " is " + text.length() + " characters, over the limit of " + MAX_ID_LENGTH);
        }
        return text;
    }

    private static String requiredText(JsonNode root, String field) {
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

    private static String textOrNull(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() && value.asText().length() <= MAX_ID_LENGTH ? value.asText() : null;
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
