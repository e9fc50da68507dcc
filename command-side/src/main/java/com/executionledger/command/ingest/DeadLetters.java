package com.executionledger.command.ingest;

import com.executionledger.command.execution.EventPointer;
import com.executionledger.events.EventJson;
import com.executionledger.store.OperatorAct;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Rejected events, kept with their reason, source and original bytes where an operator can see
 * them. Written in the ingesting transaction, so a rejection is as durable as an append.
 */
@Repository
class DeadLetters {

    /**
     * The source of the dead letters the ledger writes itself, for events an execution_created
     * showed to be another organization's: they are in the ledger too (EventRejected), so the
     * published view {@code delivery_outcomes} (migration V7) leaves them out.
     */
    static final String REJECTED_ON_CREATION = "ledger: rejected on creation";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A dead letter as an operator lists it, without its bytes ({@code payloadBytes} says how many;
     * -1 for a tombstone); {@code original} the event already in the ledger that it conflicts with
     * (rule 6).
     */
    record DeadLetter(long id, Instant receivedAt, String source, String eventId, String executionId, String reason,
                      long payloadBytes, EventPointer original, Instant redrivenAt, String redrivenBy) {
    }

    /** One dead letter with its bytes as text, the first {@value #PAYLOAD_SHOWN} of them. */
    record DeadLetterWithPayload(DeadLetter letter, String payload, boolean payloadTruncated) {
    }

    static final int PAYLOAD_SHOWN = 1024 * 1024;

    private static final String COLUMNS = """
            id, received_at, source, event_id, execution_id, reason, coalesce(octet_length(payload), -1),
            original_execution_id, original_sequence, redriven_at, redriven_by""";

    List<DeadLetter> list(boolean openOnly, long afterId, int limit) {
        return jdbc.query("SELECT " + COLUMNS
                        + " FROM dead_letter WHERE id > ? AND (NOT ? OR redriven_at IS NULL) ORDER BY id LIMIT ?",
                (rs, row) -> letter(rs), afterId, openOnly, limit);
    }

    Optional<DeadLetterWithPayload> one(long id) {
        return jdbc.query("SELECT " + COLUMNS + ", substring(payload from 1 for ?) FROM dead_letter WHERE id = ?",
                (rs, row) -> {
                    DeadLetter letter = letter(rs);
                    byte[] shown = rs.getBytes(12);
                    return new DeadLetterWithPayload(letter, shown == null ? null : new String(shown, StandardCharsets.UTF_8),
                            letter.payloadBytes() > PAYLOAD_SHOWN);
                }, PAYLOAD_SHOWN, id).stream().findFirst();
    }

    private static DeadLetter letter(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeadLetter(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7),
                rs.getString(8) == null ? null : new EventPointer(rs.getString(8), rs.getObject(9, Long.class)),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11));
    }

    /** The original bytes of an open dead letter; a tombstone's are empty. */
    Optional<byte[]> openPayload(long id) {
        return jdbc.query("SELECT coalesce(payload, ''::bytea) FROM dead_letter WHERE id = ? AND redriven_at IS NULL",
                (rs, row) -> rs.getBytes(1), id).stream().findFirst();
    }

    void markRedriven(long id, String by) {
        jdbc.update("UPDATE dead_letter SET redriven_at = ?, redriven_by = ? WHERE id = ?", Timestamp.from(clock.instant()),
                by, id);
    }

    /**
     * Keeps an event rejected at {@code receivedAt}, once per delivery; {@code afterSequence} is
     * where its execution's ledger stood then, null when the event was never taken by one;
     * {@code original} is the event already in the ledger that it conflicts with, if any.
     */
    void keep(IncomingEvent incoming, String eventId, String executionId, String reason, Instant receivedAt,
              Long afterSequence, EventPointer original) {
        jdbc.update("""
                        INSERT INTO dead_letter (received_at, source, delivery_key, event_id, execution_id, reason, payload,
                            after_sequence, original_execution_id, original_sequence, operator_act)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (delivery_key) DO NOTHING""",
                Timestamp.from(receivedAt), incoming.source(), incoming.deliveryKey(), eventId, executionId,
                reason, incoming.payload(), afterSequence, original == null ? null : original.executionId(),
                original == null ? null : original.sequence(), operatorActJson(incoming.operatorAct()));
    }

    private static String operatorActJson(OperatorAct act) {
        try {
            return act == null ? null : EventJson.mapper().writeValueAsString(act.asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an operator's act always writes as JSON", e);
        }
    }
}
