package com.executionledger.store;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The canonical JSON of payloads about to be appended, written once for their hash-chain links
 * and stored as they are: the serializer takes them from here instead of writing each payload a
 * second time. Appends happen on the thread that applied the events (the unit of work commits
 * there). What a rolled-back unit of work left is forgotten once a few batches' worth has piled up;
 * a payload not found here is serialized as usual.
 */
final class CanonicalPayloads {

    private static final int MAX_WAITING = 2_048;
    private static final ThreadLocal<Map<Object, byte[]>> WAITING = ThreadLocal.withInitial(IdentityHashMap::new);

    private CanonicalPayloads() {
    }

    static void waitingForAppend(Object payload, byte[] json) {
        Map<Object, byte[]> waiting = WAITING.get();
        if (waiting.size() >= MAX_WAITING) {
            waiting.clear();
        }
        waiting.put(payload, json);
    }

    static byte[] take(Object payload) {
        return WAITING.get().remove(payload);
    }
}
