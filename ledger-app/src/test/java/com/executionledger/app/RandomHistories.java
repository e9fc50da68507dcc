package com.executionledger.app;

import com.executionledger.events.EventHeader;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.PaymentConfirmed;
import com.executionledger.events.PaymentFailed;
import com.executionledger.events.PaymentRefunded;
import com.executionledger.events.TestEvents;
import com.executionledger.events.WorkflowCancelled;
import com.executionledger.events.WorkflowFailed;
import com.executionledger.events.WorkflowQueued;
import com.executionledger.events.WorkflowRunning;
import com.executionledger.events.WorkflowSucceeded;
import com.executionledger.events.WorkflowWaiting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but seeded histories of one execution, as upstream would produce them: payment retries,
 * running/waiting cycles, one or more terminal events, refunds, stale late events, ties on
 * occurredAt, a second execution_created, events from a wrong organization, and sometimes no
 * execution_created at all. Then a delivery of it: any order, with duplicates.
 */
final class RandomHistories {

    static final String FOREIGN_ORGANIZATION = "org_intruder";

    private RandomHistories() {
    }

    static String ownerOf(long historySeed) {
        return "org_prop_" + new Random(historySeed).nextInt(3);
    }

    /** The events of one history for this execution id; the same seed gives the same history. */
    static List<ExecutionEvent> history(long historySeed, String executionId) {
        Random random = new Random(historySeed);
        String owner = "org_prop_" + random.nextInt(3);
        History history = new History(random, executionId, owner);
        boolean created = random.nextInt(8) != 0;
        if (created) {
            history.created(owner);
            if (random.nextInt(5) == 0) {
                history.created(owner);
            }
        }
        int payments = random.nextInt(4);
        for (int i = 0; i < payments; i++) {
            if (random.nextBoolean()) {
                history.add(new PaymentFailed(history.header(owner), random.nextBoolean() ? "card_declined" : null, Map.of()));
            } else {
                String status = new String[] {null, "paid", "captured"}[random.nextInt(3)];
                history.add(new PaymentConfirmed(history.header(owner), "ord_" + i, random.nextBoolean() ? "cs_" + i : null,
                        status, Map.of()));
            }
        }
        if (random.nextBoolean()) {
            history.add(new WorkflowQueued(history.header(owner), "run_q", Map.of()));
        }
        int cycles = random.nextInt(4);
        for (int i = 0; i < cycles; i++) {
            history.add(new WorkflowRunning(history.header(owner), random.nextBoolean() ? "run_" + i : null, Map.of()));
            if (random.nextBoolean()) {
                history.add(new WorkflowWaiting(history.header(owner), random.nextBoolean() ? "approval " + i : null, Map.of()));
            }
        }
        int terminals = random.nextInt(3);
        for (int i = 0; i < terminals; i++) {
            switch (random.nextInt(3)) {
                case 0 -> history.add(new WorkflowSucceeded(history.header(owner), Map.of("n", i), Map.of()));
                case 1 -> history.add(new WorkflowFailed(history.header(owner), "failed " + i,
                        random.nextBoolean() ? Map.of("error", i) : null, Map.of()));
                default -> history.add(new WorkflowCancelled(history.header(owner), "cancelled " + i, Map.of()));
            }
        }
        if (random.nextInt(3) == 0) {
            history.add(new PaymentRefunded(history.header(owner), "refund", Map.of()));
        }
        if (random.nextInt(4) == 0) { // a stale event: upstream says it happened well before the rest
            history.add(new WorkflowQueued(history.headerAt(owner, random.nextInt(4)), "run_stale", Map.of()));
        }
        if (random.nextInt(4) == 0) {
            history.add(new PaymentConfirmed(history.header(FOREIGN_ORGANIZATION), "ord_foreign", null, "paid", Map.of()));
        }
        if (random.nextInt(5) == 0) {
            history.add(new WorkflowSucceeded(history.header(FOREIGN_ORGANIZATION), Map.of("forged", true), Map.of()));
        }
        return history.events;
    }

    /** A delivery of the events: shuffled, with about a quarter of them delivered again. */
    static List<ExecutionEvent> delivery(List<ExecutionEvent> events, Random random) {
        List<ExecutionEvent> delivered = new ArrayList<>(events);
        for (ExecutionEvent event : events) {
            if (random.nextInt(4) == 0) {
                delivered.add(event);
            }
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    private static final class History {
        private final Random random;
        private final String executionId;
        private final List<ExecutionEvent> events = new ArrayList<>();
        private final List<Integer> eventNumbers;
        private int step;

        History(Random random, String executionId, String owner) {
            this.random = random;
            this.executionId = executionId;
            this.eventNumbers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                eventNumbers.add(i);
            }
            Collections.shuffle(eventNumbers, random); // eventIds do not follow the story's order
        }

        /** The next step's header: two seconds a step, jittered so that some tie and some invert. */
        EventHeader header(String organization) {
            return headerAt(organization, step * 2L + random.nextInt(3) - 1);
        }

        EventHeader headerAt(String organization, long second) {
            String eventId = executionId + ".e%02d".formatted(eventNumbers.get(step++)); // unique across the ledger (rule 6)
            return new EventHeader(eventId, executionId, organization, TestEvents.at(Math.max(0, second)),
                    random.nextBoolean() ? "payments" : "workflows");
        }

        void created(String owner) {
            boolean third = random.nextInt(10) == 0;
            add(new ExecutionCreated(header(owner), "wf_" + random.nextInt(3), random.nextBoolean() ? "idem_" + step : null,
                    "ext_" + step, "user_" + random.nextInt(5), "user", null, null, null, null,
                    Map.of("input", step), random.nextBoolean() ? Map.of("plan", "pro") : null,
                    third ? Boolean.FALSE : random.nextInt(5) == 0 ? null : Boolean.TRUE, Map.of()));
        }

        void add(ExecutionEvent event) {
            events.add(event);
        }
    }
}
