package com.executionledger.command.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Redeliveries of events already in the ledger: not appended, but noted for the execution's history. */
@Repository
class DuplicateDeliveries {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DuplicateDeliveries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void note(IncomingEvent incoming, String executionId, String eventId) {
        jdbc.update("INSERT INTO duplicate_delivery (execution_id, event_id, received_at, source) VALUES (?, ?, ?, ?)",
                executionId, eventId, Timestamp.from(clock.instant()), incoming.source());
    }
}
