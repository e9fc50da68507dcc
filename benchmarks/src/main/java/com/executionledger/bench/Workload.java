package com.executionledger.bench;

import com.executionledger.events.EventHeader;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.PaymentConfirmed;
import com.executionledger.events.PaymentFailed;
import com.executionledger.events.PaymentRefunded;
import com.executionledger.events.WorkflowCancelled;
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
 * A realistic mix: most executions paid and run to success, some declined and retried, some
 * waiting for approval, failing, cancelled or refunded, a few free; about 3% of deliveries are
 * duplicates, and payment webhooks now and then arrive after the workflow events.
 */
final class Workload {

    private final Random random;
    private final Instant start;
    private final int organizations;

    Workload(long seed, Instant start, int organizations) {
        this.random = new Random(seed);
        this.start = start;
        this.organizations = organizations;
    }

    /** The delivery of one execution's events, duplicates included, in publishing order. */
    List<ExecutionEvent> execution(String executionId) {
        String organization = "org_" + random.nextInt(organizations);
        Instant at = start.plusMillis(random.nextInt(86_400_000));
        List<ExecutionEvent> events = new ArrayList<>(10);
        int step = 0;
        boolean paid = random.nextInt(10) != 0;
        events.add(new ExecutionCreated(header(executionId, organization, at, step++), "wf_" + random.nextInt(20),
                "idem_" + executionId, "ext_" + executionId, "user_" + random.nextInt(1000), "user",
                "doc_" + random.nextInt(100_000), "document", paid ? "cs_" + executionId : null, null,
                Map.of("documentUrl", "https://files.example.com/" + executionId + ".pdf", "pages", random.nextInt(50)),
                Map.of("plan", paid ? "metered" : "included"), paid, Map.of()));
        int scenario = random.nextInt(100);
        if (paid && scenario < 8) {
            events.add(new PaymentFailed(header(executionId, organization, at, step++), "card_declined", Map.of()));
        }
        if (paid && scenario >= 4) {
            events.add(new PaymentConfirmed(header(executionId, organization, at, step++), "ord_" + executionId,
                    "cs_" + executionId, "paid", Map.of()));
        }
        if (!paid || scenario >= 4) {
            events.add(new WorkflowQueued(header(executionId, organization, at, step++), "run_" + executionId, Map.of()));
            events.add(new WorkflowRunning(header(executionId, organization, at, step++), "run_" + executionId, Map.of()));
            if (scenario % 7 == 0) {
                events.add(new WorkflowWaiting(header(executionId, organization, at, step++), "awaiting approval", Map.of()));
                events.add(new WorkflowRunning(header(executionId, organization, at, step++), "run_" + executionId, Map.of()));
            }
            if (scenario < 85) {
                events.add(new WorkflowSucceeded(header(executionId, organization, at, step++),
                        Map.of("pages", random.nextInt(50), "status", "ok"), Map.of()));
            } else if (scenario < 93) {
                events.add(new WorkflowFailed(header(executionId, organization, at, step++), "model timeout",
                        Map.of("error", "TIMEOUT"), Map.of()));
            } else {
                events.add(new WorkflowCancelled(header(executionId, organization, at, step++), "cancelled by user", Map.of()));
            }
            if (paid && scenario % 20 == 1) {
                events.add(new PaymentRefunded(header(executionId, organization, at, step++), "customer request", Map.of()));
            }
        }
        if (events.size() > 3 && random.nextInt(10) == 0) { // a late payment webhook
            ExecutionEvent early = events.remove(1);
            events.add(early);
        }
        if (random.nextInt(100) < 20) { // about 3% of all deliveries are redeliveries
            events.add(events.get(random.nextInt(events.size())));
        }
        return events;
    }

    private static EventHeader header(String executionId, String organization, Instant start, int step) {
        return new EventHeader("evt_" + executionId + "_" + step, executionId, organization,
                start.plusSeconds(step * 7L), step == 0 ? "checkout" : step < 3 ? "payments" : "workflows");
    }
}
