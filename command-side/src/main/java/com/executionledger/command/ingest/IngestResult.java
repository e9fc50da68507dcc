package com.executionledger.command.ingest;

/**
 * What became of one incoming event; the reason is set when it was rejected, the ledger position
 * when it was appended and its sender asked for it.
 */
record IngestResult(String eventId, String executionId, Outcome outcome, String reason, Long position) {

    IngestResult(String eventId, String executionId, Outcome outcome, String reason) {
        this(eventId, executionId, outcome, reason, null);
    }

    IngestResult at(long ledgerPosition) {
        return new IngestResult(eventId, executionId, outcome, reason, ledgerPosition);
    }

    enum Outcome { APPENDED, DUPLICATE, REJECTED }

    boolean rejected() {
        return outcome == Outcome.REJECTED;
    }
}
