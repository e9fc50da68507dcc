package com.executionledger.command.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Redeliveries of events already in the ledger: not appended, but noted for the execution's history. */
@Repository
class DuplicateDeliveries {

    private final JdbcTemplate jdbc;

    DuplicateDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A redelivery that the execution took at {@code receivedAt}, after its ledger's event {@code afterSequence}. */
    record Redelivery(IncomingEvent incoming, String executionId, String eventId, Instant receivedAt, long afterSequence) {
    }

    /** Notes a batch's redeliveries in one statement batch: one round trip where each took one. */
    void noteAll(List<Redelivery> redeliveries) {
        if (redeliveries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                        INSERT INTO duplicate_delivery (execution_id, event_id, received_at, source, after_sequence)
                        VALUES (?, ?, ?, ?, ?)""",
                redeliveries.stream().map(redelivery -> new Object[] {redelivery.executionId(), redelivery.eventId(),
                        Timestamp.from(redelivery.receivedAt()), redelivery.incoming().source(),
                        redelivery.afterSequence()}).toList());
    }
}
