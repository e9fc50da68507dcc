package com.executionledger.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * PostgreSQL's SQLStates that both sides act on. A failure that may pass on a retry (a conflict
 * with another writer, a deadlock, a database away or short of resources) is transient: it is
 * retried and never taken for a bad event.
 */
public final class SqlStates {

    public static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {
    }

    /** The SQLState of the first {@link SQLException} in the cause chain, if any. */
    public static Optional<String> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the failure may pass on a retry: a transient SQLState anywhere in its causes, or a
     * connection lost or refused as the JDBC driver or Spring reports it.
     */
    public static boolean isTransientFailure(Throwable failure) {
        if (of(failure).filter(SqlStates::isTransient).isPresent()) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** The database's own words for the failure: the message of its deepest cause, first line. */
    public static String describe(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }

    /**
     * Conflicts with other writers (unique violation, serialization failure, deadlock), a database
     * that does not answer or is shutting down (classes 08 and 57P), short of resources (53), a
     * lock or statement timeout (55P03, 57014).
     */
    public static boolean isTransient(String sqlState) {
        return sqlState.equals(UNIQUE_VIOLATION) || sqlState.equals("40001") || sqlState.equals("40P01")
                || sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")
                || sqlState.equals("55P03") || sqlState.equals("57014");
    }
}
