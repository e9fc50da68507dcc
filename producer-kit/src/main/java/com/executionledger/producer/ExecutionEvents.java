package com.executionledger.producer;

import com.executionledger.events.EnvelopeReader;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.EventHeader;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.PaymentConfirmed;
import com.executionledger.events.PaymentFailed;
import com.executionledger.events.PaymentRefunded;
import com.executionledger.events.PaymentStatuses;
import com.executionledger.events.ReadResult;
import com.executionledger.events.WorkflowCancelled;
import com.executionledger.events.WorkflowError;
import com.executionledger.events.WorkflowFailed;
import com.executionledger.events.WorkflowQueued;
import com.executionledger.events.WorkflowRunning;
import com.executionledger.events.WorkflowSucceeded;
import com.executionledger.events.WorkflowWaiting;
import java.time.Instant;
import java.util.Map;

/**
 * The events of one execution as one producer publishes them, typed and checked as the ledger
 * will check them: an event the ledger would refuse is refused here, with the ledger's reason.
 * The event id is the producer's own and must stay the same when an event is sent again (it is
 * how the ledger recognises a duplicate).
 *
 * <pre>{@code
 * ExecutionEvents run = ExecutionEvents.of("exe_42", "org_acme", "checkout");
 * publisher.publish(run.created("evt_1", now, "wf_report").requestPayload(Map.of("pages", 3)).build());
 * }</pre>
 */
public final class ExecutionEvents {

    private static final EnvelopeReader LEDGER_RULES = new EnvelopeReader();
    private static final EnvelopeWriter WRITER = new EnvelopeWriter();

    private final String executionId;
    private final String organizationId;
    private final String sourceSystem;

    private ExecutionEvents(String executionId, String organizationId, String sourceSystem) {
        this.executionId = executionId;
        this.organizationId = organizationId;
        this.sourceSystem = sourceSystem;
    }

    /** The events of this execution, of this organization, published by this system. */
    public static ExecutionEvents of(String executionId, String organizationId, String sourceSystem) {
        return new ExecutionEvents(executionId, organizationId, sourceSystem);
    }

    private EventHeader header(String eventId, Instant occurredAt) {
        return new EventHeader(eventId, executionId, organizationId, occurredAt, sourceSystem);
    }

    public CreatedBuilder created(String eventId, Instant occurredAt, String workflowId) {
        return new CreatedBuilder(header(eventId, occurredAt), workflowId);
    }

    public PaymentConfirmed paymentConfirmed(String eventId, Instant occurredAt, String orderId, String checkoutSessionId) {
        return checked(new PaymentConfirmed(header(eventId, occurredAt), orderId, checkoutSessionId, PaymentStatuses.PAID, Map.of()));
    }

    public PaymentFailed paymentFailed(String eventId, Instant occurredAt, String statusReason) {
        return checked(new PaymentFailed(header(eventId, occurredAt), statusReason, Map.of()));
    }

    public PaymentRefunded paymentRefunded(String eventId, Instant occurredAt, String statusReason) {
        return checked(new PaymentRefunded(header(eventId, occurredAt), statusReason, Map.of()));
    }

    public WorkflowQueued workflowQueued(String eventId, Instant occurredAt, String runId) {
        return checked(new WorkflowQueued(header(eventId, occurredAt), runId, Map.of()));
    }

    public WorkflowRunning workflowRunning(String eventId, Instant occurredAt, String runId) {
        return checked(new WorkflowRunning(header(eventId, occurredAt), runId, Map.of()));
    }

    public WorkflowWaiting workflowWaiting(String eventId, Instant occurredAt, String statusReason) {
        return checked(new WorkflowWaiting(header(eventId, occurredAt), statusReason, Map.of()));
    }

    public WorkflowSucceeded workflowSucceeded(String eventId, Instant occurredAt, Map<String, Object> responsePayload) {
        return checked(new WorkflowSucceeded(header(eventId, occurredAt), responsePayload, Map.of()));
    }

    /** Version 2 of workflow_failed: a code, a message, and whether a retry may help (null: not said). */
    public WorkflowFailed workflowFailed(String eventId, Instant occurredAt, WorkflowError error, Map<String, Object> responsePayload) {
        return checked(new WorkflowFailed(header(eventId, occurredAt), error, responsePayload, Map.of()));
    }

    public WorkflowCancelled workflowCancelled(String eventId, Instant occurredAt, String statusReason) {
        return checked(new WorkflowCancelled(header(eventId, occurredAt), statusReason, Map.of()));
    }

    /** The event, if the ledger would take it; otherwise why not, as the ledger would say it. */
    static <E extends ExecutionEvent> E checked(E event) {
        ReadResult read = LEDGER_RULES.read(WRITER.write(event));
        if (read instanceof ReadResult.Invalid invalid) {
            throw new IllegalArgumentException("the ledger would refuse event " + event.header().eventId() + ": " + invalid.reason());
        }
        return event;
    }

    /** {@code execution_created}: the workflow, and what else the producer knows of the run. */
    public static final class CreatedBuilder {

        private final EventHeader header;
        private final String workflowId;
        private String idempotencyKey;
        private String externalRef;
        private String initiatedById;
        private String initiatedByType;
        private String sourceEntityId;
        private String sourceEntityType;
        private String checkoutSessionId;
        private String orderId;
        private Map<String, Object> requestPayload;
        private Map<String, Object> clientSafeMetadata;
        private Boolean paymentRequired;

        private CreatedBuilder(EventHeader header, String workflowId) {
            this.header = header;
            this.workflowId = workflowId;
        }

        public CreatedBuilder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public CreatedBuilder externalRef(String externalRef) {
            this.externalRef = externalRef;
            return this;
        }

        public CreatedBuilder initiatedBy(String id, String type) {
            this.initiatedById = id;
            this.initiatedByType = type;
            return this;
        }

        public CreatedBuilder sourceEntity(String id, String type) {
            this.sourceEntityId = id;
            this.sourceEntityType = type;
            return this;
        }

        public CreatedBuilder checkoutSessionId(String checkoutSessionId) {
            this.checkoutSessionId = checkoutSessionId;
            return this;
        }

        public CreatedBuilder orderId(String orderId) {
            this.orderId = orderId;
            return this;
        }

        public CreatedBuilder requestPayload(Map<String, Object> requestPayload) {
            this.requestPayload = requestPayload;
            return this;
        }

        public CreatedBuilder clientSafeMetadata(Map<String, Object> clientSafeMetadata) {
            this.clientSafeMetadata = clientSafeMetadata;
            return this;
        }

        /** A run that needs no payment starts as payment_confirmed, paymentStatus not_required. */
        public CreatedBuilder withoutPayment() {
            this.paymentRequired = false;
            return this;
        }

        public ExecutionCreated build() {
            return checked(new ExecutionCreated(header, workflowId, idempotencyKey, externalRef, initiatedById,
                    initiatedByType, sourceEntityId, sourceEntityType, checkoutSessionId, orderId, requestPayload,
                    clientSafeMetadata, paymentRequired, Map.of()));
        }
    }
}
