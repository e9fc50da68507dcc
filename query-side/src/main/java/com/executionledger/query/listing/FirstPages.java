package com.executionledger.query.listing;

import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The first page of each organization's list (per limit), as last answered, until a change to it is heard. */
@Component
class FirstPages {

    private static final int MAX_PAGES = 500;

    /** A page as answered, with the position the read model had reached before it was read. */
    record FirstPage(RawValue page, long position) {
    }

    private final CachedUntilChanged<Integer, FirstPage> pages;

    FirstPages(OrganizationChangeListener changes) {
        this.pages = new CachedUntilChanged<>(changes, MAX_PAGES);
    }

    /** The moment to pass to {@link #keep}: taken before the page is read from the database. */
    long now() {
        return pages.now();
    }

    Optional<FirstPage> current(String organizationId, int limit) {
        return pages.current(organizationId, limit);
    }

    /** Keeps a page read from the database after {@code readAt}, unless a change was heard since. */
    void keep(String organizationId, int limit, long readAt, FirstPage page) {
        pages.keep(organizationId, limit, readAt, page);
    }
}
