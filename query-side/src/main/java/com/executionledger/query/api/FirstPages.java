package com.executionledger.query.api;

import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The first page of each organization's list, as last answered, until a change to that
 * organization is heard ({@link HeardChanges}). It is never served on a lifetime.
 */
@Component
class FirstPages {

    private static final int MAX_PAGES = 500;

    private final HeardChanges changes;
    private final Map<PageKey, Page> pages = new ConcurrentHashMap<>();

    FirstPages(HeardChanges changes) {
        this.changes = changes;
    }

    private record PageKey(String organizationId, int limit) {
    }

    private record Page(long readAt, RawValue data) {
    }

    /** The moment to pass to {@link #keep}: taken before the page is read from the database. */
    long now() {
        return changes.now();
    }

    Optional<RawValue> current(String organizationId, int limit) {
        Page page = pages.get(new PageKey(organizationId, limit));
        return page != null && changes.unchangedSince(organizationId, page.readAt())
                ? Optional.of(page.data()) : Optional.empty();
    }

    /** Keeps a page read from the database after {@code readAt}, unless a change was heard since. */
    void keep(String organizationId, int limit, long readAt, RawValue data) {
        if (!changes.unchangedSince(organizationId, readAt)) {
            return;
        }
        if (pages.size() >= MAX_PAGES) {
            pages.clear(); // bounded; pages of organizations that changed since are dropped here too
        }
        pages.put(new PageKey(organizationId, limit), new Page(readAt, data));
    }
}
