package com.executionledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.events.EventJson;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The serializer both sides store and read events with, its remembered classes included. */
class LedgerSerializerTest {

    private final LedgerSerializer serializer = new LedgerSerializer(JacksonSerializer.builder()
            .revisionResolver(new EventRevisionResolver())
            .objectMapper(EventJson.mapper().copy()));

    @Test
    void readsBackWhatItStoredAsOftenAsItIsAsked() {
        ExecutionCreated created = TestEvents.of("exe_serialized", "org_acme").created("c1", 0);
        SerializedObject<byte[]> stored = serializer.serialize(created, byte[].class);

        for (int read = 0; read < 3; read++) {
            assertThat(serializer.classForType(stored.getType())).isEqualTo(ExecutionCreated.class);
            ExecutionEvent back = serializer.deserialize(stored);
            assertThat(back).isEqualTo(created);
        }
    }

    @Test
    void aNameOfNoClassStaysUnknownAndDoesNotShadowKnownOnes() {
        SimpleSerializedType missing = new SimpleSerializedType("com.executionledger.events.NoSuchEvent", "1");

        assertThat(serializer.classForType(missing)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(missing)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(new SimpleSerializedType(ExecutionCreated.class.getName(), null)))
                .isEqualTo(ExecutionCreated.class);
    }
}
