package com.executionledger.lifecycle;

import com.executionledger.events.ExecutionStatus;
import java.time.Instant;
import java.util.Map;

/** An execution as its events make it: every field of the API's item. */
public record ExecutionState(
        String id,
        String organizationId,
        ExecutionStatus status,
        String paymentStatus,
        String statusReason,
        String workflowId,
        String runId,
        String idempotencyKey,
        String externalRef,
        String initiatedById,
        String initiatedByType,
        String sourceEntityId,
        String sourceEntityType,
        String sourceSystem,
        String checkoutSessionId,
        String orderId,
        Map<String, Object> requestPayload,
        Map<String, Object> responsePayload,
        Map<String, Object> clientSafeMetadata,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt) {
}
