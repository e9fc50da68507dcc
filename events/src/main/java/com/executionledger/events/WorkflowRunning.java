package com.executionledger.events;

import java.util.Map;

@EventRevision("1")
public record WorkflowRunning(
        EventHeader header,
        String runId,
        Map<String, Object> otherData) implements ExecutionEvent {
}
