package com.executionledger.events;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract as JSON Schema (2020-12), built from the same types and limits that
 * {@link EnvelopeReader} validates with, so that the two cannot drift apart: the envelope, and the
 * {@code data} of each version of each type (EVOLUTION.md). A schema cannot say everything the
 * reader checks: valid Unicode (no U+0000, no lone surrogates), {@code occurredAt} within its
 * window (2000 to 24 hours ahead of the ledger's clock), payloads at most 32 deep and 256 KiB an
 * envelope are the reader's alone, as is a {@code dataVersion} written with a fraction ({@code 2.0}).
 */
@SuppressWarnings("unchecked")
public final class ContractSchemas {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final String NO_CONTROL = "\\u0000-\\u001F\\u007F-\\u009F";
    private static final String NO_CONTROL_BUT_TAB_AND_NEWLINE = "\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F";

    private ContractSchemas() {
    }

    /** Every schema: the envelope (with each type's data inside), and each type's data by version. */
    public static Map<String, Object> all() {
        Map<String, Object> types = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            Map<String, Object> versions = new LinkedHashMap<>();
            for (int version = 1; version <= type.currentVersion(); version++) {
                versions.put(String.valueOf(version), data(type, version));
            }
            types.put(type.wireName(), Map.of("currentVersion", type.currentVersion(), "versions", versions));
        }
        return Map.of("envelope", envelope(), "types", types);
    }

    /** One envelope of the contract, whatever its type and version. */
    public static Map<String, Object> envelope() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("eventId", key());
        properties.put("type", Map.of("enum", List.of(EventType.values()).stream().map(EventType::wireName).toList()));
        properties.put("dataVersion", Map.of("type", List.of("integer", "null"), "minimum", 1,
                "description", "which version of its type's data the event carries; absent means 1"));
        properties.put("executionId", key());
        properties.put("organizationId", key());
        properties.put("occurredAt", Map.of("type", "string", "format", "date-time",
                "pattern", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$"));
        properties.put("sourceSystem", text(ContractLimits.IDENTIFIER));
        properties.put("data", Map.of("type", List.of("object", "null")));
        List<Object> byTypeAndVersion = new ArrayList<>();
        for (EventType type : EventType.values()) {
            byTypeAndVersion.add(Map.of(
                    "if", Map.of("properties", Map.of("type", Map.of("const", type.wireName())), "required", List.of("type")),
                    "then", Map.of("properties", Map.of("dataVersion", Map.of("maximum", type.currentVersion())))));
            for (int version = 1; version <= type.currentVersion(); version++) {
                byTypeAndVersion.add(Map.of("if", typeAndVersion(type, version), "then", envelopeData(type, version)));
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("title", "Execution Ledger event envelope");
        schema.put("type", "object");
        schema.put("required", List.of("eventId", "type", "executionId", "organizationId", "occurredAt", "sourceSystem"));
        schema.put("properties", properties);
        schema.put("allOf", byTypeAndVersion);
        return schema;
    }

    /** The data of one version of a type: its named fields with their limits; fields it does not name are kept. */
    public static Map<String, Object> data(EventType type, int version) {
        Class<? extends ExecutionEvent> record = type.recordOf(version)
                .orElseThrow(() -> new IllegalArgumentException(type.wireName() + " has no version " + version));
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : EventType.componentsOf(record)) {
            if (!EventType.isDataField(component)) {
                continue;
            }
            String name = component.getName();
            if (type.isRequired(name)) {
                properties.put(name, field(component.getType(), name));
                required.add(name);
            } else {
                properties.put(name, nullable(field(component.getType(), name))); // null is as absent
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("title", type.wireName() + " data, version " + version);
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    private static Map<String, Object> typeAndVersion(EventType type, int version) {
        Map<String, Object> versionIs = version == 1
                ? Map.of("anyOf", List.of(Map.of("not", Map.of("required", List.of("dataVersion"))),
                        Map.of("properties", Map.of("dataVersion", Map.of("enum", Arrays.asList(1, null))))))
                : Map.of("properties", Map.of("dataVersion", Map.of("const", version)), "required", List.of("dataVersion"));
        return Map.of("properties", Map.of("type", Map.of("const", type.wireName())), "required", List.of("type"),
                "allOf", List.of(versionIs));
    }

    private static Map<String, Object> envelopeData(EventType type, int version) {
        Map<String, Object> data = new LinkedHashMap<>(data(type, version));
        data.remove("$schema");
        data.remove("title");
        Map<String, Object> then = new LinkedHashMap<>();
        then.put("properties", Map.of("data", data));
        if (data.containsKey("required")) {
            then.put("required", List.of("data"));
        } else {
            data.put("type", List.of("object", "null")); // no data, or null, is an empty object
        }
        return then;
    }

    private static Map<String, Object> field(Class<?> javaType, String name) {
        if (javaType == String.class) {
            return text(ContractLimits.TEXT_FIELDS.getOrDefault(name, ContractLimits.IDENTIFIER));
        }
        if (javaType == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (javaType == Map.class) {
            return Map.of("type", "object");
        }
        if (javaType == WorkflowError.class) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", "object");
            error.put("properties", Map.of(
                    "code", text(ContractLimits.SHORT_TEXT),
                    "message", nullable(text(ContractLimits.STATUS_REASON)),
                    "retryable", nullable(Map.of("type", "boolean"))));
            error.put("required", List.of("code"));
            error.put("additionalProperties", false);
            return error;
        }
        throw new IllegalStateException("no schema for " + javaType);
    }

    /** A text field: its length in characters, its control characters, and not blank where it must not be. */
    private static Map<String, Object> text(ContractLimits.TextLimit limit) {
        String allowed = limit.tabsAndNewlines() ? NO_CONTROL_BUT_TAB_AND_NEWLINE : NO_CONTROL;
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("minLength", limit.minLength());
        schema.put("maxLength", limit.maxLength());
        schema.put("pattern", limit.minLength() > 0
                ? "^[^" + allowed + "]*[^\\s" + allowed + "][^" + allowed + "]*$"
                : "^[^" + allowed + "]*$");
        return schema;
    }

    private static Map<String, Object> nullable(Object field) {
        Map<String, Object> nullable = new LinkedHashMap<>((Map<String, Object>) field);
        Object type = nullable.get("type");
        nullable.put("type", type instanceof List<?> types && types.contains("null") ? type : List.of(type, "null"));
        return nullable;
    }

    private static Map<String, Object> key() {
        return Map.of("type", "string", "minLength", 1, "maxLength", ContractLimits.MAX_KEY_LENGTH,
                "pattern", "^[A-Za-z0-9._:~-]+$");
    }
}
