package com.executionledger.command.execution;

/**
 * The execution held in memory is behind its ledger in the event store: another instance
 * appended to it. Nothing was appended; the caller drops what it holds in memory and retries.
 */
public final class StaleExecution extends RuntimeException {

    StaleExecution(String executionId, long held, long stored) {
        super("execution " + executionId + " held at sequence " + held + ", stored at " + stored, null, false, false);
    }
}
