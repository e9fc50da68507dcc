package com.executionledger.query.readmodel;

import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Announces which organizations' rows a transaction changed, to every query-side instance
 * listening: PostgreSQL delivers the notifications when, and only if, the transaction commits.
 * Caches of the read model are exact because of it, not because of a lifetime.
 */
public final class ReadModelChanges {

    public static final String CHANNEL = "executions_changed";
    /** The payload meaning every organization: the table was emptied or replaced. */
    public static final String EVERY_ORGANIZATION = "*";

    private ReadModelChanges() {
    }

    /** One statement for the whole batch; PostgreSQL folds repeats within a transaction. */
    static void announce(JdbcTemplate jdbc, Collection<String> organizationIds) {
        if (organizationIds.isEmpty()) {
            return;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT pg_notify(?, organization) FROM unnest(?) AS organization");
            statement.setString(1, CHANNEL);
            statement.setArray(2, connection.createArrayOf("text", organizationIds.toArray()));
            return statement;
        }, rs -> {
        });
    }

    static void announceEverything(JdbcTemplate jdbc) {
        jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, EVERY_ORGANIZATION);
    }
}
