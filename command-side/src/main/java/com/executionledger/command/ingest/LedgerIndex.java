package com.executionledger.command.ingest;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which executions the ledger already holds: one query per batch instead of one lookup per new execution. */
@Repository
class LedgerIndex {

    private final JdbcTemplate jdbc;

    LedgerIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The executions among these that have at least one event in the ledger; a mutable set. */
    Set<String> held(Collection<String> executionIds) {
        Set<String> held = new HashSet<>();
        if (executionIds.isEmpty()) {
            return held;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier = ANY (?) AND sequence_number = 0");
            statement.setArray(1, connection.createArrayOf("varchar", executionIds.toArray()));
            return statement;
        }, rs -> {
            held.add(rs.getString(1));
        });
        return held;
    }
}
