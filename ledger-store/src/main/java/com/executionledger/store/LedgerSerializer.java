package com.executionledger.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, with two differences. A payload about to be appended is stored as the
 * canonical JSON its hash-chain link was computed from, written once for both ({@link
 * CanonicalPayloads}): the second one cost as much as the first, 8% of the ingest thread. And the
 * class each stored type name denotes is remembered: Axon asks the class loader again for every
 * event it reads, and twice per event where two processor threads each check every event against
 * their handlers (5% of the query side's CPU while ingesting); the ledger's event classes do not
 * change while it runs. Names that denote no class are not remembered here (Axon keeps those itself).
 */
final class LedgerSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classesByName = new ConcurrentHashMap<>();

    LedgerSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        byte[] canonical = expectedRepresentation == byte[].class && object != null ? CanonicalPayloads.take(object) : null;
        if (canonical != null) {
            return new SimpleSerializedObject<>((T) canonical, expectedRepresentation, typeForClass(object.getClass()));
        }
        return super.serialize(object, expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classesByName.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classesByName.put(type.getName(), resolved);
        }
        return resolved;
    }
}
