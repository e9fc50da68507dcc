package com.executionledger.app;

import com.executionledger.events.EventHeader;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.PaymentConfirmed;
import com.executionledger.events.PaymentFailed;
import com.executionledger.events.WorkflowCancelled;
import com.executionledger.events.WorkflowFailed;
import com.executionledger.events.WorkflowFailedV1;
import com.executionledger.events.WorkflowQueued;
import com.executionledger.events.WorkflowRunning;
import com.executionledger.events.WorkflowSucceeded;
import com.executionledger.events.WorkflowWaiting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contract, written down a second time as the plainest possible fold, to check the ledger
 * against: drop repeated eventIds, keep the owner's events, sort by rule 3, apply one by one.
 * It answers the API item as a map of JSON values, or empty while the execution is not listed.
 */
final class ContractModel {

    private static final List<String> TIE_ORDER = List.of("execution_created", "payment_failed", "payment_confirmed",
            "workflow_queued", "workflow_running", "workflow_waiting", "workflow_succeeded", "workflow_failed",
            "workflow_cancelled", "payment_refunded");
    private static final Map<String, Integer> RANK = Map.of("awaiting_payment", 0, "payment_confirmed", 1,
            "workflow_queued", 2, "workflow_running", 3, "workflow_waiting", 3, "workflow_succeeded", 4,
            "workflow_failed", 4, "workflow_cancelled", 4);

    private String status;
    private String paymentStatus;
    private boolean paymentEventApplied;
    private String reasonOfStatusSetter;
    private boolean paymentFailureApplied;
    private String reasonOfLastPaymentFailure;
    private final Map<String, Object> item = new LinkedHashMap<>();

    static Optional<Map<String, Object>> expectedItem(List<ExecutionEvent> deliveredInOrder) {
        Set<String> seen = new HashSet<>();
        List<ExecutionEvent> arrived = new ArrayList<>();
        for (ExecutionEvent event : deliveredInOrder) {
            if (seen.add(event.header().eventId())) {
                arrived.add(event);
            }
        }
        String owner = null;
        for (ExecutionEvent event : arrived) {
            if (event instanceof ExecutionCreated) {
                owner = event.header().organizationId();
                break;
            }
        }
        if (owner == null) {
            return Optional.empty();
        }
        List<ExecutionEvent> applied = new ArrayList<>();
        for (ExecutionEvent event : arrived) {
            if (event.header().organizationId().equals(owner)) {
                applied.add(event);
            }
        }
        applied.sort(Comparator.comparing((ExecutionEvent event) -> event.header().occurredAt())
                .thenComparing(event -> TIE_ORDER.indexOf(event.type().wireName()))
                .thenComparing(event -> event.header().eventId()));
        ContractModel model = new ContractModel();
        model.item.put("organizationId", owner);
        for (ExecutionEvent event : applied) {
            model.apply(event);
        }
        return Optional.of(model.finish());
    }

    private void apply(ExecutionEvent event) {
        String type = event.type().wireName();
        EventHeader header = event.header();
        if (type.startsWith("workflow_") && status != null && RANK.get(status) == 4) {
            return;
        }
        item.put("id", header.executionId());
        item.put("updatedAt", header.occurredAt().toString());
        switch (type) {
            case "execution_created" -> {
                ExecutionCreated created = (ExecutionCreated) event;
                item.putIfAbsent("createdAt", header.occurredAt().toString());
                item.putIfAbsent("sourceSystem", header.sourceSystem());
                set("workflowId", created.workflowId());
                set("idempotencyKey", created.idempotencyKey());
                set("externalRef", created.externalRef());
                set("initiatedById", created.initiatedById());
                set("initiatedByType", created.initiatedByType());
                set("sourceEntityId", created.sourceEntityId());
                set("sourceEntityType", created.sourceEntityType());
                set("checkoutSessionId", created.checkoutSessionId());
                set("orderId", created.orderId());
                set("requestPayload", created.requestPayload());
                set("clientSafeMetadata", created.clientSafeMetadata());
                boolean free = Boolean.FALSE.equals(created.paymentRequired());
                if (!paymentEventApplied) {
                    paymentStatus = free ? "not_required" : "pending";
                }
                moveTo(free ? "payment_confirmed" : "awaiting_payment", null);
            }
            case "payment_confirmed" -> {
                PaymentConfirmed confirmed = (PaymentConfirmed) event;
                set("orderId", confirmed.orderId());
                set("checkoutSessionId", confirmed.checkoutSessionId());
                paymentStatus = confirmed.paymentStatus() == null ? "paid" : confirmed.paymentStatus();
                paymentEventApplied = true;
                moveTo("payment_confirmed", null);
            }
            case "payment_failed" -> {
                paymentStatus = "failed";
                paymentEventApplied = true;
                paymentFailureApplied = true;
                reasonOfLastPaymentFailure = ((PaymentFailed) event).statusReason();
            }
            case "payment_refunded" -> {
                paymentStatus = "refunded";
                paymentEventApplied = true;
            }
            case "workflow_queued" -> {
                set("runId", ((WorkflowQueued) event).runId());
                moveTo("workflow_queued", null);
            }
            case "workflow_running" -> {
                set("runId", ((WorkflowRunning) event).runId());
                item.putIfAbsent("startedAt", header.occurredAt().toString());
                moveTo("workflow_running", null);
            }
            case "workflow_waiting" -> moveTo("workflow_waiting", ((WorkflowWaiting) event).statusReason());
            case "workflow_succeeded" -> {
                set("responsePayload", ((WorkflowSucceeded) event).responsePayload());
                if (moveTo("workflow_succeeded", null)) {
                    item.put("finishedAt", header.occurredAt().toString());
                }
            }
            case "workflow_failed" -> {
                // version 1 says why in statusReason; version 2 in error.message (events/EVOLUTION.md)
                boolean version1 = event instanceof WorkflowFailedV1;
                set("responsePayload", version1 ? ((WorkflowFailedV1) event).responsePayload() : ((WorkflowFailed) event).responsePayload());
                String reason = version1 ? ((WorkflowFailedV1) event).statusReason() : ((WorkflowFailed) event).error().message();
                if (moveTo("workflow_failed", reason)) {
                    item.put("finishedAt", header.occurredAt().toString());
                }
            }
            case "workflow_cancelled" -> {
                if (moveTo("workflow_cancelled", ((WorkflowCancelled) event).statusReason())) {
                    item.put("finishedAt", header.occurredAt().toString());
                }
            }
            default -> throw new IllegalArgumentException(type);
        }
    }

    private void set(String field, Object value) {
        if (value != null) {
            item.put(field, value);
        }
    }

    private boolean moveTo(String next, String reason) {
        boolean moves = status == null || RANK.get(next) > RANK.get(status) || (RANK.get(next) == 3 && RANK.get(status) == 3);
        if (moves) {
            status = next;
            reasonOfStatusSetter = reason;
        }
        return moves;
    }

    private Map<String, Object> finish() {
        item.put("status", status);
        item.put("paymentStatus", paymentStatus);
        item.put("statusReason", "awaiting_payment".equals(status) && paymentFailureApplied
                ? reasonOfLastPaymentFailure : reasonOfStatusSetter);
        for (String field : List.of("checkoutSessionId", "clientSafeMetadata", "createdAt", "externalRef", "finishedAt",
                "id", "idempotencyKey", "initiatedById", "initiatedByType", "orderId", "organizationId", "paymentStatus",
                "requestPayload", "responsePayload", "runId", "sourceEntityId", "sourceEntityType", "sourceSystem",
                "startedAt", "status", "statusReason", "updatedAt", "workflowId")) {
            item.putIfAbsent(field, null);
        }
        return item;
    }
}
