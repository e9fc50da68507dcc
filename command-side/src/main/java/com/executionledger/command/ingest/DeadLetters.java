package com.executionledger.command.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Rejected events, kept with their reason, source and original bytes where an operator can see
 * them. Written in the ingesting transaction, so a rejection is as durable as an append.
 */
@Repository
class DeadLetters {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void keep(IncomingEvent incoming, String eventId, String executionId, String reason) {
        jdbc.update("""
                        INSERT INTO dead_letter (received_at, source, delivery_key, event_id, execution_id, reason, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (delivery_key) DO NOTHING""",
                Timestamp.from(clock.instant()), incoming.source(), incoming.deliveryKey(), eventId, executionId,
                reason, incoming.payload());
    }
}
