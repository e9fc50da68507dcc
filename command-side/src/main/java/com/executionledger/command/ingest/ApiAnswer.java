package com.executionledger.command.ingest;

/** The envelope of the ledger's HTTP answers, the same as the read API's. */
record ApiAnswer<T>(int code, T data, String message, String requestId) {
}
