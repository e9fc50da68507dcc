package com.executionledger.query.listing;

import com.executionledger.lifecycle.ExecutionState;
import java.time.Instant;
import java.util.Map;

/** One execution as the API shows it: the promised field names, every one present. */
public record ExecutionItem(
        String checkoutSessionId,
        Map<String, Object> clientSafeMetadata,
        Instant createdAt,
        String externalRef,
        Instant finishedAt,
        String id,
        String idempotencyKey,
        String initiatedById,
        String initiatedByType,
        String orderId,
        String organizationId,
        String paymentStatus,
        Map<String, Object> requestPayload,
        Map<String, Object> responsePayload,
        String runId,
        String sourceEntityId,
        String sourceEntityType,
        String sourceSystem,
        Instant startedAt,
        String status,
        String statusReason,
        Instant updatedAt,
        String workflowId) {

    public static ExecutionItem of(ExecutionState state) {
        return new ExecutionItem(state.checkoutSessionId(), state.clientSafeMetadata(), state.createdAt(),
                state.externalRef(), state.finishedAt(), state.id(), state.idempotencyKey(), state.initiatedById(),
                state.initiatedByType(), state.orderId(), state.organizationId(), state.paymentStatus(),
                state.requestPayload(), state.responsePayload(), state.runId(), state.sourceEntityId(),
                state.sourceEntityType(), state.sourceSystem(), state.startedAt(), state.status().wireName(),
                state.statusReason(), state.updatedAt(), state.workflowId());
    }
}
