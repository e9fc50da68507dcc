package com.executionledger.events;

import java.util.Map;

@EventRevision("1")
public record WorkflowSucceeded(
        EventHeader header,
        Map<String, Object> responsePayload,
        Map<String, Object> otherData) implements ExecutionEvent {
}
