package com.executionledger.events;

import java.time.Instant;

/** The envelope fields every upstream event carries. */
public record EventHeader(
        String eventId,
        String executionId,
        String organizationId,
        Instant occurredAt,
        String sourceSystem) {
}
