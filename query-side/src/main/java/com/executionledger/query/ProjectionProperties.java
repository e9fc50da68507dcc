package com.executionledger.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projection reads the event store (README: configuration; QuerySideConfiguration says why
 * each default).
 *
 * @param fetchDelayMs  how soon it looks for new events when it has read them all
 * @param cachedEvents  events the event store keeps for its readers, so that the segments share one
 * @param maxGapOffset  gaps in the global index tracked at most behind the newest event
 * @param gapTimeoutMs  how long a gap is waited for once more than a few are tracked
 */
@ConfigurationProperties("ledger.projection")
record ProjectionProperties(
        @DefaultValue("20") long fetchDelayMs,
        @DefaultValue("10000") int cachedEvents,
        @DefaultValue("2000") int maxGapOffset,
        @DefaultValue("10000") int gapTimeoutMs) {
}
