package com.executionledger.command.ingest;

import com.executionledger.command.execution.StaleExecution;
import com.executionledger.store.SqlStates;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

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
        if (SqlStates.isTransientFailure(failure)) {
            return Optional.of(SqlStates.of(failure).map(state -> "SQLState " + state).orElse("connection"));
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
