package com.executionledger.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants as query parameters typed {@code timestamptz}. The driver sends a {@code java.sql.Timestamp}
 * untyped; a prepared query with an untyped parameter gets described, and from then on the driver
 * precedes each execution that returns text columns with a round trip of its own (a Sync, to rule out
 * a buffer deadlock it cannot size): 12% of a cursor page's CPU in the query side, and one more
 * wake-up of the database per page.
 */
public final class TimestampParameters {

    private TimestampParameters() {
    }

    public static OffsetDateTime typed(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
