package com.executionledger.events;

import java.util.Map;

/** {@code workflow_failed} as the ledger reads it today: version 2 of its data (EVOLUTION.md). */
@EventRevision("2")
public record WorkflowFailed(
        EventHeader header,
        WorkflowError error,
        Map<String, Object> responsePayload,
        Map<String, Object> otherData) implements ExecutionEvent {

    /** A failure described in words only, as version 1 did: its code is {@value WorkflowError#UNSPECIFIED}. */
    public WorkflowFailed(EventHeader header, String statusReason, Map<String, Object> responsePayload,
                          Map<String, Object> otherData) {
        this(header, new WorkflowError(WorkflowError.UNSPECIFIED, statusReason, null), responsePayload, otherData);
    }

    /** The execution's statusReason once it failed: the error's message. */
    public String statusReason() {
        return error == null ? null : error.message();
    }
}
