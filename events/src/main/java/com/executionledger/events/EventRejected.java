package com.executionledger.events;

/**
 * The ledger's own record that an event it had appended was rejected afterwards: an event that
 * arrived before its execution's {@code execution_created} and turned out to name another
 * organization. The rejected fact stays in the ledger, marked, and takes no effect.
 */
@EventRevision("1")
public record EventRejected(EventHeader header, EventType rejectedType, String reason) {
}
