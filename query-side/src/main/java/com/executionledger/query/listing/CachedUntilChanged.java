package com.executionledger.query.listing;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.Optional;

/**
 * Values read from organizations' rows, each kept until a change to its organization is heard
 * ({@link OrganizationChangeListener}); never served on a lifetime. Bounded: beyond {@code capacity}, the
 * least worth keeping are dropped (Caffeine) and read again when asked for.
 */
final class CachedUntilChanged<K, V> {

    private final OrganizationChangeListener changes;
    private final Map<Key<K>, Kept<V>> kept;

    CachedUntilChanged(OrganizationChangeListener changes, int capacity) {
        this.changes = changes;
        this.kept = Caffeine.newBuilder().maximumSize(capacity).<Key<K>, Kept<V>>build().asMap();
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
        kept.put(new Key<>(organizationId, key), new Kept<>(readAt, value));
    }
}
