package com.executionledger.events;

import java.util.Map;

@EventRevision("1")
public record PaymentConfirmed(
        EventHeader header,
        String orderId,
        String checkoutSessionId,
        String paymentStatus,
        Map<String, Object> otherData) implements ExecutionEvent {
}
