package com.executionledger.app;

import com.executionledger.events.EventHeader;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.PaymentConfirmed;
import com.executionledger.events.PaymentFailed;
import com.executionledger.events.PaymentRefunded;
import com.executionledger.events.WorkflowCancelled;
import com.executionledger.events.WorkflowError;
import com.executionledger.events.WorkflowFailed;
import com.executionledger.events.WorkflowQueued;
import com.executionledger.events.WorkflowRunning;
import com.executionledger.events.WorkflowSucceeded;
import com.executionledger.events.WorkflowWaiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic stream of upstream events for trying the ledger: paid and free runs, declined and
 * retried cards, approvals that wait, failures, cancellations, refunds, late payment webhooks and
 * redelivered duplicates. Deterministic for a given instant.
 */
final class DemoStream {

    static final String DEMO_ORGANIZATION = "org_demo";
    static final String OTHER_ORGANIZATION = "org_other";

    private static final String[] WORKFLOWS = {"wf_invoice_ocr", "wf_contract_review", "wf_image_upscale", "wf_report_digest"};

    private final Random random = new Random(42);
    private final List<ExecutionEvent> published = new ArrayList<>();

    /** The events in the order they are published, duplicates included. */
    static List<ExecutionEvent> events(Instant now, int executions) {
        DemoStream stream = new DemoStream();
        for (int i = 0; i < executions; i++) {
            String organization = i % 6 == 5 ? OTHER_ORGANIZATION : DEMO_ORGANIZATION;
            stream.execution(i, organization, now.minusSeconds(60L * (executions - i)));
        }
        return stream.published;
    }

    private void execution(int number, String organization, Instant start) {
        String id = "exe_demo_%03d".formatted(number);
        Script script = new Script(id, organization, start);
        switch (number % 10) {
            case 0 -> script.created(true).paid().queued().running().succeeded();
            case 1 -> script.created(true).declined("card_declined").paid().queued().running().succeeded();
            case 2 -> script.created(true).declined("insufficient_funds");
            case 3 -> script.created(true).paid().queued().running().waiting("awaiting human approval").running().succeeded();
            case 4 -> script.created(true).paid().queued().running().failed("model timeout after 300s");
            case 5 -> script.created(true).paid().queued().cancelled("cancelled by user");
            case 6 -> script.created(true).paid().queued().running().succeeded().refunded("customer request");
            case 7 -> script.created(false).queued().running();
            case 8 -> script.created(true).queued().running().latePayment();
            default -> script.created(true).paid().queued().running().waiting("awaiting human approval");
        }
        if (random.nextInt(4) == 0 && !published.isEmpty()) {
            published.add(published.get(published.size() - 1 - random.nextInt(Math.min(3, published.size()))));
        }
    }

    /** One execution's upstream story, a few seconds per step. */
    private final class Script {
        private final String executionId;
        private final String organization;
        private Instant at;
        private int step;
        private Instant createdAt;

        Script(String executionId, String organization, Instant start) {
            this.executionId = executionId;
            this.organization = organization;
            this.at = start;
        }

        private EventHeader next(String source) {
            at = at.plusMillis(1_000 + random.nextInt(4_000));
            return new EventHeader("evt_" + executionId.substring(4) + "_" + (step++), executionId, organization, at, source);
        }

        private Script publish(ExecutionEvent event) {
            published.add(event);
            return this;
        }

        Script created(boolean paymentRequired) {
            String workflow = WORKFLOWS[random.nextInt(WORKFLOWS.length)];
            EventHeader header = next("checkout");
            createdAt = header.occurredAt();
            return publish(new ExecutionCreated(header, workflow, "idem_" + executionId, "ext_" + executionId,
                    "user_" + (1 + random.nextInt(9)), "user", "doc_" + random.nextInt(10_000), "document",
                    paymentRequired ? "cs_" + executionId : null, null,
                    Map.of("documentUrl", "https://files.example.com/" + executionId + ".pdf", "priority", "normal"),
                    Map.of("plan", paymentRequired ? "pay-as-you-go" : "included"), paymentRequired, Map.of()));
        }

        Script paid() {
            return publish(new PaymentConfirmed(next("payments"), "ord_" + executionId, "cs_" + executionId, "paid", Map.of()));
        }

        Script declined(String reason) {
            return publish(new PaymentFailed(next("payments"), reason, Map.of()));
        }

        /** A payment webhook that arrives last, though the payment happened right after creation. */
        Script latePayment() {
            EventHeader header = new EventHeader("evt_" + executionId.substring(4) + "_" + (step++), executionId,
                    organization, createdAt.plusMillis(800), "payments");
            return publish(new PaymentConfirmed(header, "ord_" + executionId, "cs_" + executionId, "paid", Map.of()));
        }

        Script refunded(String reason) {
            return publish(new PaymentRefunded(next("payments"), reason, Map.of()));
        }

        Script queued() {
            return publish(new WorkflowQueued(next("workflows"), "run_" + executionId, Map.of()));
        }

        Script running() {
            return publish(new WorkflowRunning(next("workflows"), "run_" + executionId, Map.of()));
        }

        Script waiting(String reason) {
            return publish(new WorkflowWaiting(next("workflows"), reason, Map.of()));
        }

        Script succeeded() {
            return publish(new WorkflowSucceeded(next("workflows"), Map.of("pages", 1 + random.nextInt(20), "status", "ok"), Map.of()));
        }

        Script failed(String reason) {
            return publish(new WorkflowFailed(next("workflows"), new WorkflowError("TIMEOUT", reason, true),
                    Map.of("error", "TIMEOUT"), Map.of()));
        }

        Script cancelled(String reason) {
            return publish(new WorkflowCancelled(next("workflows"), reason, Map.of()));
        }
    }
}
