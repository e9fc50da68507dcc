package com.executionledger.command.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Redeliveries of events already in the ledger: not appended, but noted for the execution's history. */
@Repository
class DuplicateDeliveries {

    private final JdbcTemplate jdbc;

    DuplicateDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes a redelivery that the execution took at {@code receivedAt}, after its ledger's event {@code afterSequence}. */
    void note(IncomingEvent incoming, String executionId, String eventId, Instant receivedAt, long afterSequence) {
        jdbc.update("""
                        INSERT INTO duplicate_delivery (execution_id, event_id, received_at, source, after_sequence)
                        VALUES (?, ?, ?, ?, ?)""",
                executionId, eventId, Timestamp.from(receivedAt), incoming.source(), afterSequence);
    }
}
