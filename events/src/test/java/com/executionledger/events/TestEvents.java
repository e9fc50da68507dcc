package com.executionledger.events;

import java.time.Instant;
import java.util.Map;

/** Events of one execution for tests: ids as given, times as seconds after a fixed instant. */
public final class TestEvents {

    public static final Instant EPOCH = Instant.parse("2026-11-28T10:00:00Z");

    private final String executionId;
    private final String organizationId;
    private final String sourceSystem;

    private TestEvents(String executionId, String organizationId, String sourceSystem) {
        this.executionId = executionId;
        this.organizationId = organizationId;
        this.sourceSystem = sourceSystem;
    }

    public static TestEvents of(String executionId, String organizationId) {
        return new TestEvents(executionId, organizationId, "payments");
    }

    public TestEvents from(String otherSourceSystem) {
        return new TestEvents(executionId, organizationId, otherSourceSystem);
    }

    public TestEvents inOrganization(String otherOrganization) {
        return new TestEvents(executionId, otherOrganization, sourceSystem);
    }

    public static Instant at(long second) {
        return EPOCH.plusSeconds(second);
    }

    public EventHeader header(String eventId, long second) {
        return new EventHeader(eventId, executionId, organizationId, at(second), sourceSystem);
    }

    public ExecutionCreated created(String eventId, long second) {
        return new ExecutionCreated(header(eventId, second), "wf_1", "idem_" + executionId, "ext_" + executionId,
                "user_1", "user", "ent_1", "invoice", "cs_1", null, Map.of("input", "x"), Map.of("tag", "demo"),
                null, Map.of());
    }

    public ExecutionCreated createdWithoutPayment(String eventId, long second) {
        ExecutionCreated created = created(eventId, second);
        return new ExecutionCreated(created.header(), created.workflowId(), created.idempotencyKey(),
                created.externalRef(), created.initiatedById(), created.initiatedByType(), created.sourceEntityId(),
                created.sourceEntityType(), created.checkoutSessionId(), created.orderId(), created.requestPayload(),
                created.clientSafeMetadata(), false, Map.of());
    }

    public PaymentConfirmed paymentConfirmed(String eventId, long second) {
        return new PaymentConfirmed(header(eventId, second), "ord_" + eventId, null, "paid", Map.of());
    }

    public PaymentFailed paymentFailed(String eventId, long second, String reason) {
        return new PaymentFailed(header(eventId, second), reason, Map.of());
    }

    public PaymentRefunded paymentRefunded(String eventId, long second) {
        return new PaymentRefunded(header(eventId, second), "refunded on request", Map.of());
    }

    public WorkflowQueued queued(String eventId, long second) {
        return new WorkflowQueued(header(eventId, second), "run_" + eventId, Map.of());
    }

    public WorkflowRunning running(String eventId, long second) {
        return new WorkflowRunning(header(eventId, second), null, Map.of());
    }

    public WorkflowWaiting waiting(String eventId, long second, String reason) {
        return new WorkflowWaiting(header(eventId, second), reason, Map.of());
    }

    public WorkflowSucceeded succeeded(String eventId, long second) {
        return new WorkflowSucceeded(header(eventId, second), Map.of("result", eventId), Map.of());
    }

    public WorkflowFailed failed(String eventId, long second, String reason) {
        return new WorkflowFailed(header(eventId, second), reason, Map.of("error", eventId), Map.of());
    }

    public WorkflowCancelled cancelled(String eventId, long second, String reason) {
        return new WorkflowCancelled(header(eventId, second), reason, Map.of());
    }
}
