package com.executionledger.events;

import java.util.Map;

@EventRevision("1")
public record ExecutionCreated(
        EventHeader header,
        String workflowId,
        String idempotencyKey,
        String externalRef,
        String initiatedById,
        String initiatedByType,
        String sourceEntityId,
        String sourceEntityType,
        String checkoutSessionId,
        String orderId,
        Map<String, Object> requestPayload,
        Map<String, Object> clientSafeMetadata,
        Boolean paymentRequired,
        Map<String, Object> otherData) implements ExecutionEvent {

    /** The contract's default: payment is required unless the event says otherwise. */
    public boolean requiresPayment() {
        return paymentRequired == null || paymentRequired;
    }
}
