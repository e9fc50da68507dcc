package com.executionledger.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 onto the contract's envelope, so that an event in either form meets the same
 * validation and has the same outcome: {@code id} is the eventId, {@code type} the contract's type
 * (bare, or prefixed {@value #TYPE_PREFIX}), {@code source} the sourceSystem, {@code time} the
 * occurredAt, {@code subject} the executionId, the extension {@value #ORGANIZATION} the
 * organizationId and the extension {@value #DATA_VERSION} the dataVersion; {@code data} is the
 * data, as JSON. Structured mode (one JSON object, HTTP) and binary mode (attributes in headers,
 * data in the body, Kafka) both map here.
 */
public final class CloudEventMapping {

    public static final String SPEC_VERSION = "1.0";
    public static final String STRUCTURED_JSON = "application/cloudevents+json";
    public static final String BATCH_JSON = "application/cloudevents-batch+json";
    /** Kafka's binary mode: each attribute a header named {@code ce_<attribute>}. */
    public static final String KAFKA_HEADER_PREFIX = "ce_";
    public static final String ORGANIZATION = "organizationid";
    public static final String DATA_VERSION = "dataversion";
    public static final String TYPE_PREFIX = "com.executionledger.";

    private static final ObjectMapper JSON = EventJson.mapper();

    private CloudEventMapping() {
    }

    /** What an event in CloudEvents form became: the contract's envelope, or why it cannot be one. */
    public sealed interface Mapped {
    }

    /** The envelope, for the ledger's reader like any other. */
    public record Envelope(byte[] bytes) implements Mapped {
    }

    /** Not a CloudEvent the ledger takes; {@code original} keeps all that was sent, as a structured-mode event where it could be. */
    public record Refused(ReadResult.Invalid reason, byte[] original) implements Mapped {
    }

    /** One structured-mode event: a JSON object with its attributes and its data. */
    public static Mapped structured(byte[] event) {
        JsonNode root;
        try {
            root = EventJson.readOneValue(event);
        } catch (JacksonException e) {
            return refused("malformed JSON: " + e.getOriginalMessage(), null, null, event);
        } catch (IOException e) {
            return refused("unreadable CloudEvent: " + e.getMessage(), null, null, event);
        }
        if (root == null || !root.isObject()) {
            return refused("a CloudEvent in structured mode must be a JSON object", null, null, event);
        }
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        root.fields().forEachRemaining(field -> attributes.put(field.getKey(), field.getValue()));
        if (attributes.containsKey("data_base64")) {
            return refused("data_base64 is not taken: send data as JSON", text(root, "id"), text(root, "subject"), event);
        }
        return map(attributes, root.get("data"), event);
    }

    /**
     * One binary-mode event: its attributes (header names without {@value #KAFKA_HEADER_PREFIX}; the
     * record's {@code content-type} as {@code datacontenttype}) and its data's bytes.
     */
    public static Mapped binary(Map<String, String> attributes, byte[] data) {
        ObjectNode asStructured = JSON.createObjectNode(); // how the event is kept if it is refused: nothing lost
        attributes.forEach(asStructured::put);
        JsonNode dataJson = null;
        if (data != null && data.length > 0) {
            try {
                dataJson = EventJson.readOneValue(data);
                asStructured.set("data", dataJson);
            } catch (IOException e) {
                asStructured.put("data_unreadable", new String(data, StandardCharsets.UTF_8));
                return refused("data is not JSON: " + e.getMessage(), attributes.get("id"), attributes.get("subject"),
                        bytes(asStructured));
            }
        }
        Map<String, JsonNode> asNodes = new LinkedHashMap<>();
        attributes.forEach((name, value) -> asNodes.put(name, JSON.getNodeFactory().textNode(value)));
        return map(asNodes, dataJson, bytes(asStructured));
    }

    private static Mapped map(Map<String, JsonNode> attributes, JsonNode data, byte[] original) {
        String id = text(attributes.get("id"));
        String subject = text(attributes.get("subject"));
        String specVersion = text(attributes.get("specversion"));
        if (specVersion == null) {
            return refused("specversion is required: this ledger takes CloudEvents " + SPEC_VERSION, id, subject, original);
        }
        if (!SPEC_VERSION.equals(specVersion)) {
            return refused("specversion '" + specVersion + "' is not taken: send CloudEvents " + SPEC_VERSION, id, subject, original);
        }
        String contentType = text(attributes.get("datacontenttype"));
        if (contentType != null && !contentType.toLowerCase().contains("json")) {
            return refused("datacontenttype " + contentType + " is not taken: send data as JSON", id, subject, original);
        }
        for (String[] required : new String[][] {{"id", "the event's id"}, {"type", "the contract's type"},
                {"source", "the system that publishes it"}, {"subject", "the execution's id"}, {"time", "when it happened"},
                {ORGANIZATION, "the organization's id (an extension)"}}) {
            if (text(attributes.get(required[0])) == null) {
                return refused(required[0] + " is required, as a string: " + required[1], id, subject, original);
            }
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("eventId", attributes.get("id"));
        String type = text(attributes.get("type"));
        envelope.put("type", type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type);
        JsonNode dataVersion = attributes.get(DATA_VERSION);
        if (dataVersion != null && !dataVersion.isNull()) {
            envelope.set("dataVersion", dataVersion.isTextual() && dataVersion.asText().matches("\\d{1,9}")
                    ? JSON.getNodeFactory().numberNode(Integer.parseInt(dataVersion.asText())) : dataVersion);
        }
        envelope.set("executionId", attributes.get("subject"));
        envelope.set("organizationId", attributes.get(ORGANIZATION));
        envelope.set("occurredAt", attributes.get("time"));
        envelope.set("sourceSystem", attributes.get("source"));
        if (data != null) {
            envelope.set("data", data);
        }
        return new Envelope(bytes(envelope));
    }

    private static Refused refused(String reason, String eventId, String executionId, byte[] original) {
        return new Refused(new ReadResult.Invalid(reason, keyOrNull(eventId), keyOrNull(executionId)), original);
    }

    private static String keyOrNull(String id) {
        return id != null && ContractLimits.keyProblem(id) == null ? id : null;
    }

    private static String text(JsonNode root, String field) {
        return text(root.get(field));
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
