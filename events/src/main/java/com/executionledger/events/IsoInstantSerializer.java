package com.executionledger.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Jackson's {@link Instant} serializer with {@link IsoInstants}' fast writer for ISO text; instants
 * written as timestamps, or under a {@code @JsonFormat}, go to Jackson's own, so every answer
 * stays its (the ledger's hash chain covers these bytes).
 */
final class IsoInstantSerializer extends StdSerializer<Instant> implements ContextualSerializer {

    IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            InstantSerializer.INSTANCE.serialize(value, generator, provider);
        } else {
            generator.writeString(IsoInstants.format(value));
        }
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
            throws JsonMappingException {
        JsonFormat.Value format = findFormatOverrides(provider, property, Instant.class);
        return format == null || format.equals(JsonFormat.Value.empty()) ? this
                : InstantSerializer.INSTANCE.createContextual(provider, property);
    }
}
