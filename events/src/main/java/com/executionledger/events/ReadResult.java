package com.executionledger.events;

/** What {@link EnvelopeReader} made of one envelope. */
public sealed interface ReadResult {

    /** A valid envelope, as the event it describes. */
    record Accepted(ExecutionEvent event) implements ReadResult {
    }

    /**
     * An envelope the contract does not accept. The reason names the offending field; the ids are
     * those that could be read (null otherwise), so that an operator can find what it belonged to.
     */
    record Invalid(String reason, String eventId, String executionId) implements ReadResult {
    }
}
