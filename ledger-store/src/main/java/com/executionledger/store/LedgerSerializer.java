package com.executionledger.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, remembering the class each stored type name denotes. Axon asks the
 * class loader again for every event it reads, and twice per event where two processor threads
 * each check every event against their handlers (5% of the query side's CPU while ingesting);
 * the ledger's event classes do not change while it runs. Names that denote no class are not
 * remembered here (Axon keeps those itself).
 */
final class LedgerSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classesByName = new ConcurrentHashMap<>();

    LedgerSerializer(Builder builder) {
        super(builder);
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
