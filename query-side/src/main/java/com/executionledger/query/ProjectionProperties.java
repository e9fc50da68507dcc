package com.executionledger.query;

import java.time.Duration;
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
 * @param segments      parts of the projection, each claimed by one query side at a time, it starts
 *                      with (when it first starts); split while more query sides are live, so
 *                      that each gets one (SegmentBalancer). Each segment held costs CPU per event
 * @param claimTimeout  how long a silent instance keeps its segments before another takes them over
 */
@ConfigurationProperties("ledger.projection")
public record ProjectionProperties(
        @DefaultValue("20") long fetchDelayMs,
        @DefaultValue("10000") int cachedEvents,
        @DefaultValue("2000") int maxGapOffset,
        @DefaultValue("10000") int gapTimeoutMs,
        @DefaultValue("2") int segments,
        @DefaultValue("3s") Duration claimTimeout) {

    /** The projection's processor: its processing group. */
    public static final String PROCESSOR = "executions";
}
