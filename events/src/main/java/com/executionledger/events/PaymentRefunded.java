package com.executionledger.events;

import java.util.Map;

@EventRevision("1")
public record PaymentRefunded(
        EventHeader header,
        String statusReason,
        Map<String, Object> otherData) implements ExecutionEvent {
}
