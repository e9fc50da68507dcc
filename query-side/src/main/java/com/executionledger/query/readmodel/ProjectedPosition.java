package com.executionledger.query.readmodel;

import com.executionledger.query.ProjectionProperties;
import com.executionledger.store.LedgerEvents;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the read model has projected the ledger, whichever instances hold the segments: the
 * highest position up to which every event is in the read model. Each segment's tracking token
 * says it (its index, or just below its lowest gap: an event not yet visible there will be
 * projected when it is); the read model's position is the least of them. The tokens commit with
 * the rows they cover, so a position read before a query is one its answer has reached.
 */
@Component
public class ProjectedPosition {

    private static final long POLL_MILLIS = 20;
    private static final String LEAST_OF_THE_SEGMENTS = """
            SELECT coalesce(min(coalesce(
                       (SELECT min(gap::bigint) - 1 FROM jsonb_array_elements_text(t -> 'gaps') AS gap),
                       (t ->> 'index')::bigint, 0)), 0)
            FROM (SELECT coalesce(convert_from(token, 'UTF8')::jsonb -> 'currentToken',
                                  convert_from(token, 'UTF8')::jsonb) AS t
                  FROM token_entry WHERE processor_name = ?) tokens""";

    /** How long a reading serves every request: a busy API reads the tokens 20 times a second, not per request. */
    private static final long RECENT_NANOS = 50_000_000;

    private final JdbcTemplate database;
    private final LedgerEvents ledger;
    private volatile Reading recent = new Reading(0, System.nanoTime() - RECENT_NANOS);

    private record Reading(long position, long readAtNanos) {
    }

    ProjectedPosition(JdbcTemplate database, LedgerEvents ledger) {
        this.database = database;
        this.ledger = ledger;
    }

    /**
     * The position as read at most 50 ms ago: a lower bound of where the read model is, which is
     * all that an answer read after it needs (it holds at least that much).
     */
    public long recent() {
        Reading reading = recent;
        if (System.nanoTime() - reading.readAtNanos() < RECENT_NANOS) {
            return reading.position();
        }
        long readAt = System.nanoTime();
        long position = current();
        recent = new Reading(position, readAt);
        return position;
    }

    /** The position the read model has reached now. */
    public long current() {
        Long position = database.queryForObject(LEAST_OF_THE_SEGMENTS, Long.class, ProjectionProperties.PROCESSOR);
        return position == null ? 0 : position;
    }

    /** The ledger's latest position: no read can wait for one beyond it. */
    public long ledgerHead() {
        return ledger.headPosition();
    }

    /** The position once it is at least {@code wanted}; empty if it is not within {@code bound}. */
    public OptionalLong awaitAtLeast(long wanted, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            long position = current();
            if (position >= wanted) {
                return OptionalLong.of(position);
            }
            if (System.nanoTime() + POLL_MILLIS * 1_000_000 > deadline) {
                return OptionalLong.empty();
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
