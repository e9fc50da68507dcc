package com.executionledger.command.ingest;

import com.executionledger.command.execution.EventPointer;
import com.executionledger.store.LedgerEvents;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where executions' ledgers stand, read under their locks. Every writer, on every instance, locks
 * the executions of its batch before it looks at them, so two writers never append to one
 * execution at once (a conflict would roll back the whole batch and burn its global indexes,
 * which the projection then tracks as gaps). A writer either takes only the locks that are free,
 * without waiting, or waits for them in one global order: either way, writers never deadlock.
 */
@Repository
class LedgerIndex {

    /** The first key of the ledger's advisory locks: keeps them apart from other users of the database. */
    private static final int LOCK_SPACE = 0x4C454447; // "LEDG"

    private final JdbcTemplate jdbc;
    private final LedgerEvents ledger;

    LedgerIndex(JdbcTemplate jdbc, LedgerEvents ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** Where the ledgers of the executions this transaction holds stand; those it could not lock are left out. */
    record LockedExecutions(Set<String> executionIds, Map<String, Long> heads) {
    }

    /**
     * Locks the executions until the transaction ends, waiting for other writers, then reads the
     * sequence number of each one's last ledger event; an execution absent from the heads has none.
     * Call in a transaction.
     */
    LockedExecutions lockAndReadHeads(Collection<String> executionIds) {
        if (executionIds.isEmpty()) {
            return new LockedExecutions(Set.of(), Map.of());
        }
        Integer[] keys = executionIds.stream().map(LedgerIndex::lockKey).distinct().sorted().toArray(Integer[]::new);
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, key) FROM unnest(?) AS key");
            statement.setInt(1, LOCK_SPACE);
            statement.setArray(2, connection.createArrayOf("int4", keys));
            return statement;
        }, rs -> {
        });
        Set<String> held = new HashSet<>(executionIds);
        return new LockedExecutions(held, ledger.heads(held));
    }

    /**
     * Locks those of the executions that no other writer holds, without waiting, and reads their
     * heads: the others can be taken in another transaction, once their writers are done, while
     * these go ahead. Never waiting, it never deadlocks whatever the order. Call in a transaction.
     */
    LockedExecutions lockFreeAndReadHeads(Collection<String> executionIds) {
        if (executionIds.isEmpty()) {
            return new LockedExecutions(Set.of(), Map.of());
        }
        Integer[] keys = executionIds.stream().map(LedgerIndex::lockKey).distinct().sorted().toArray(Integer[]::new);
        Set<Integer> locked = new HashSet<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT key FROM unnest(?) AS key WHERE pg_try_advisory_xact_lock(?, key)");
            statement.setArray(1, connection.createArrayOf("int4", keys));
            statement.setInt(2, LOCK_SPACE);
            return statement;
        }, rs -> {
            locked.add(rs.getInt(1));
        });
        Set<String> held = new HashSet<>();
        for (String executionId : executionIds) {
            if (locked.contains(lockKey(executionId))) {
                held.add(executionId);
            }
        }
        return new LockedExecutions(held, ledger.heads(held));
    }

    /** A stable 32-bit FNV-1a hash of the id: the same on every instance; a collision only serializes two executions. */
    static int lockKey(String executionId) {
        int hash = 0x811C9DC5;
        for (byte b : executionId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x01000193;
        }
        return hash;
    }

    /** The ledger positions of events this transaction appended, by execution and sequence number. */
    Map<EventPointer, Long> positionsOf(Collection<EventPointer> events) {
        if (events.isEmpty()) {
            return Map.of();
        }
        String[] executions = events.stream().map(EventPointer::executionId).toArray(String[]::new);
        Long[] sequences = events.stream().map(EventPointer::sequence).toArray(Long[]::new);
        Map<EventPointer, Long> positions = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT e.aggregate_identifier, e.sequence_number, e.global_index FROM domain_event_entry e
                    JOIN unnest(?, ?) AS appended(execution_id, sequence_number)
                      ON e.aggregate_identifier = appended.execution_id AND e.sequence_number = appended.sequence_number""");
            statement.setArray(1, connection.createArrayOf("varchar", executions));
            statement.setArray(2, connection.createArrayOf("int8", sequences));
            return statement;
        }, rs -> {
            positions.put(new EventPointer(rs.getString(1), rs.getLong(2)), rs.getLong(3));
        });
        return positions;
    }
}
