package com.executionledger.events;

import java.util.Map;

/**
 * {@code workflow_failed} as version 1 of its data carried it (a {@code statusReason} only), for
 * producers that still send it: stored as it arrived, read back as the current
 * {@link WorkflowFailed} (EVOLUTION.md).
 */
@EventRevision("1")
public record WorkflowFailedV1(
        EventHeader header,
        String statusReason,
        Map<String, Object> responsePayload,
        Map<String, Object> otherData) implements ExecutionEvent {

    @Override
    public WorkflowFailed current() {
        return new WorkflowFailed(header, statusReason, responsePayload, otherData);
    }
}
