package com.executionledger.query.readmodel;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object as a jsonb column holds it. A page of the list carries three of them per row
 * and the API only writes them out again, so they are written as stored and parsed only when
 * something reads them as a map.
 */
@JsonSerialize(using = StoredJsonObject.AsStored.class)
final class StoredJsonObject extends AbstractMap<String, Object> {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final String json;
    private final ObjectMapper mapper;
    private Map<String, Object> parsed;

    StoredJsonObject(String json, ObjectMapper mapper) {
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (parsed == null) {
            try {
                parsed = Collections.unmodifiableMap(mapper.readValue(json, OBJECT));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored JSON is unreadable", e);
            }
        }
        return parsed.entrySet();
    }

    static final class AsStored extends StdSerializer<StoredJsonObject> {

        AsStored() {
            super(StoredJsonObject.class);
        }

        @Override
        public void serialize(StoredJsonObject value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(value.json);
        }
    }
}
