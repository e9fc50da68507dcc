package com.executionledger.command.ingest;

import com.executionledger.command.execution.StaleExecution;
import com.executionledger.store.SqlStates;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Failures that may pass on a retry (rule 7): another writer got there first, a deadlock or
 * serialization failure, the database away or short of resources. They are retried and never
 * dead-lettered: only what the contract rejects, deterministically, is.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        return transientCause(failure).isPresent();
    }

    /** What made the failure transient, for the retry counter: a class name or a SQLState. */
    static String causeName(Throwable failure) {
        return transientCause(failure).orElse("none");
    }

    private static Optional<String> transientCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof StaleExecution || cause instanceof NotRecordedYet) {
                return Optional.of(cause.getClass().getSimpleName());
            }
        }
        Optional<String> sqlState = SqlStates.of(failure).filter(SqlStates::isTransient);
        if (sqlState.isPresent()) {
            return Optional.of("SQLState " + sqlState.get());
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return Optional.of(cause.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    /** A batch that could not be decided now; nothing of it was committed. Kafka retries the poll, HTTP answers 503. */
    static final class NotRecordedYet extends RuntimeException {
        NotRecordedYet(Throwable cause) {
            super("events not recorded yet: " + cause, cause);
        }
    }
}
