package com.executionledger.query.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values read from organizations' rows, each kept until a change to its organization is heard
 * ({@link HeardChanges}); never served on a lifetime. Bounded: when full, everything kept is
 * dropped and read again, which also drops what changed since.
 */
final class KeptUntilChanged<K, V> {

    private final HeardChanges changes;
    private final int capacity;
    private final Map<Key<K>, Kept<V>> kept = new ConcurrentHashMap<>();

    KeptUntilChanged(HeardChanges changes, int capacity) {
        this.changes = changes;
        this.capacity = capacity;
    }

    private record Key<K>(String organizationId, K key) {
    }

    private record Kept<V>(long readAt, V value) {
    }

    /** The moment to pass to {@link #keep}: taken before the value is read from the database. */
    long now() {
        return changes.now();
    }

    Optional<V> current(String organizationId, K key) {
        Kept<V> value = kept.get(new Key<>(organizationId, key));
        return value != null && changes.unchangedSince(organizationId, value.readAt())
                ? Optional.of(value.value()) : Optional.empty();
    }

    /** Keeps a value read from the database after {@code readAt}, unless a change was heard since. */
    void keep(String organizationId, K key, long readAt, V value) {
        if (!changes.unchangedSince(organizationId, readAt)) {
            return;
        }
        if (kept.size() >= capacity) {
            kept.clear();
        }
        kept.put(new Key<>(organizationId, key), new Kept<>(readAt, value));
    }
}
