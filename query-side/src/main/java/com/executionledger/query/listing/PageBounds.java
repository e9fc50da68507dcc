package com.executionledger.query.listing;

/** The paging bounds the API promises, for the list and for an execution's history alike. */
public final class PageBounds {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /**
     * Deeper offsets would cost the database a walk over every row before them while the
     * organization changes ({@link OffsetLandmarks} shorten it only between changes): the cursor
     * pages at any depth.
     */
    public static final long MAX_OFFSET = 10_000;

    private PageBounds() {
    }
}
