package com.executionledger.command.ingest;

/** What became of one incoming event; the reason is set when it was rejected. */
record IngestResult(String eventId, String executionId, Outcome outcome, String reason) {

    enum Outcome { APPENDED, DUPLICATE, REJECTED }

    boolean rejected() {
        return outcome == Outcome.REJECTED;
    }
}
