package com.executionledger.lifecycle;

import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionStatus;
import com.executionledger.events.PaymentConfirmed;
import com.executionledger.events.PaymentFailed;
import com.executionledger.events.PaymentStatuses;
import com.executionledger.events.WorkflowCancelled;
import com.executionledger.events.WorkflowFailed;
import com.executionledger.events.WorkflowQueued;
import com.executionledger.events.WorkflowRunning;
import com.executionledger.events.WorkflowSucceeded;
import com.executionledger.events.WorkflowWaiting;
import java.time.Instant;
import java.util.Map;

/** Applies one owner's events, already in contract order, under the lifecycle rules. */
final class ExecutionFold {

    private final String organizationId;
    private String id;
    private ExecutionStatus status;
    private String paymentStatus;
    private boolean paymentEventSeen;
    private String reasonOfStatusSetter;
    private boolean paymentFailedSeen;
    private String reasonOfLatestPaymentFailure;
    private String workflowId;
    private String runId;
    private String idempotencyKey;
    private String externalRef;
    private String initiatedById;
    private String initiatedByType;
    private String sourceEntityId;
    private String sourceEntityType;
    private String sourceSystem;
    private String checkoutSessionId;
    private String orderId;
    private Map<String, Object> requestPayload;
    private Map<String, Object> responsePayload;
    private Map<String, Object> clientSafeMetadata;
    private Instant createdAt;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant updatedAt;

    ExecutionFold(String organizationId) {
        this.organizationId = organizationId;
    }

    void apply(ExecutionEvent event) {
        if (event.type().isWorkflowEvent() && status != null && status.isTerminal()) {
            return; // terminal is final: a later workflow event changes nothing at all
        }
        id = event.header().executionId();
        updatedAt = event.header().occurredAt();
        switch (event.type()) {
            case EXECUTION_CREATED -> applyCreated((ExecutionCreated) event);
            case PAYMENT_CONFIRMED -> applyPaymentConfirmed((PaymentConfirmed) event);
            case PAYMENT_FAILED -> {
                setPaymentStatus(PaymentStatuses.FAILED);
                paymentFailedSeen = true;
                reasonOfLatestPaymentFailure = ((PaymentFailed) event).statusReason();
            }
            case PAYMENT_REFUNDED -> setPaymentStatus(PaymentStatuses.REFUNDED);
            case WORKFLOW_QUEUED -> {
                runId = overwrite(runId, ((WorkflowQueued) event).runId());
                moveTo(ExecutionStatus.WORKFLOW_QUEUED, null);
            }
            case WORKFLOW_RUNNING -> {
                runId = overwrite(runId, ((WorkflowRunning) event).runId());
                if (startedAt == null) {
                    startedAt = event.header().occurredAt();
                }
                moveTo(ExecutionStatus.WORKFLOW_RUNNING, null);
            }
            case WORKFLOW_WAITING -> moveTo(ExecutionStatus.WORKFLOW_WAITING, ((WorkflowWaiting) event).statusReason());
            case WORKFLOW_SUCCEEDED -> {
                responsePayload = overwrite(responsePayload, ((WorkflowSucceeded) event).responsePayload());
                finish(ExecutionStatus.WORKFLOW_SUCCEEDED, null, updatedAt);
            }
            case WORKFLOW_FAILED -> {
                WorkflowFailed failed = (WorkflowFailed) event;
                responsePayload = overwrite(responsePayload, failed.responsePayload());
                finish(ExecutionStatus.WORKFLOW_FAILED, failed.statusReason(), updatedAt);
            }
            case WORKFLOW_CANCELLED ->
                    finish(ExecutionStatus.WORKFLOW_CANCELLED, ((WorkflowCancelled) event).statusReason(), updatedAt);
        }
    }

    private void applyPaymentConfirmed(PaymentConfirmed confirmed) {
        orderId = overwrite(orderId, confirmed.orderId());
        checkoutSessionId = overwrite(checkoutSessionId, confirmed.checkoutSessionId());
        setPaymentStatus(confirmed.paymentStatus() == null ? PaymentStatuses.PAID : confirmed.paymentStatus());
        moveTo(ExecutionStatus.PAYMENT_CONFIRMED, null);
    }

    private void applyCreated(ExecutionCreated created) {
        if (createdAt == null) {
            createdAt = created.header().occurredAt();
            sourceSystem = created.header().sourceSystem();
        }
        workflowId = overwrite(workflowId, created.workflowId());
        idempotencyKey = overwrite(idempotencyKey, created.idempotencyKey());
        externalRef = overwrite(externalRef, created.externalRef());
        initiatedById = overwrite(initiatedById, created.initiatedById());
        initiatedByType = overwrite(initiatedByType, created.initiatedByType());
        sourceEntityId = overwrite(sourceEntityId, created.sourceEntityId());
        sourceEntityType = overwrite(sourceEntityType, created.sourceEntityType());
        checkoutSessionId = overwrite(checkoutSessionId, created.checkoutSessionId());
        orderId = overwrite(orderId, created.orderId());
        requestPayload = overwrite(requestPayload, created.requestPayload());
        clientSafeMetadata = overwrite(clientSafeMetadata, created.clientSafeMetadata());
        if (created.requiresPayment()) {
            if (!paymentEventSeen) {
                paymentStatus = PaymentStatuses.PENDING;
            }
            moveTo(ExecutionStatus.AWAITING_PAYMENT, null);
        } else {
            if (!paymentEventSeen) {
                paymentStatus = PaymentStatuses.NOT_REQUIRED;
            }
            moveTo(ExecutionStatus.PAYMENT_CONFIRMED, null);
        }
    }

    private void setPaymentStatus(String newPaymentStatus) {
        paymentStatus = newPaymentStatus;
        paymentEventSeen = true;
    }

    private void finish(ExecutionStatus terminal, String reason, Instant occurredAt) {
        if (moveTo(terminal, reason)) {
            finishedAt = occurredAt;
        }
    }

    private boolean moveTo(ExecutionStatus next, String reason) {
        if (status != null && !status.movesTo(next)) {
            return false;
        }
        status = next;
        reasonOfStatusSetter = reason;
        return true;
    }

    private static <T> T overwrite(T current, T given) {
        return given != null ? given : current;
    }

    ExecutionState state() {
        String statusReason = status == ExecutionStatus.AWAITING_PAYMENT && paymentFailedSeen
                ? reasonOfLatestPaymentFailure
                : reasonOfStatusSetter;
        return new ExecutionState(id, organizationId, status, paymentStatus, statusReason, workflowId, runId,
                idempotencyKey, externalRef, initiatedById, initiatedByType, sourceEntityId, sourceEntityType,
                sourceSystem, checkoutSessionId, orderId, requestPayload, responsePayload, clientSafeMetadata,
                createdAt, startedAt, finishedAt, updatedAt);
    }
}
