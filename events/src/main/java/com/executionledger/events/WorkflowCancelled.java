package com.executionledger.events;

import java.util.Map;

@EventRevision("1")
public record WorkflowCancelled(
        EventHeader header,
        String statusReason,
        Map<String, Object> otherData) implements ExecutionEvent {
}
