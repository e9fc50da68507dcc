package com.executionledger.events;

import java.util.Map;

@EventRevision("1")
public record WorkflowFailed(
        EventHeader header,
        String statusReason,
        Map<String, Object> responsePayload,
        Map<String, Object> otherData) implements ExecutionEvent {
}
