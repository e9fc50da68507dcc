package com.executionledger.command.execution;

/** Where an event is in the ledger: its execution and, when known, its sequence number there. */
public record EventPointer(String executionId, Long sequence) {

    @Override
    public String toString() {
        return "execution '" + executionId + "'" + (sequence == null ? "" : ", sequence " + sequence);
    }
}
