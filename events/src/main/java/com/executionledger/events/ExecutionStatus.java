package com.executionledger.events;

/** The lifecycle of an execution, with the rank by which status only moves forward. */
public enum ExecutionStatus {
    AWAITING_PAYMENT("awaiting_payment", 0),
    PAYMENT_CONFIRMED("payment_confirmed", 1),
    WORKFLOW_QUEUED("workflow_queued", 2),
    WORKFLOW_RUNNING("workflow_running", 3),
    WORKFLOW_WAITING("workflow_waiting", 3),
    WORKFLOW_SUCCEEDED("workflow_succeeded", 4),
    WORKFLOW_FAILED("workflow_failed", 4),
    WORKFLOW_CANCELLED("workflow_cancelled", 4);

    private static final int TERMINAL_RANK = 4;
    private static final int ALTERNATING_RANK = 3;

    private final String wireName;
    private final int rank;

    ExecutionStatus(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isTerminal() {
        return rank == TERMINAL_RANK;
    }

    /** Whether an event that would set {@code next} moves the status from this one. */
    public boolean movesTo(ExecutionStatus next) {
        return next.rank > rank || (next.rank == ALTERNATING_RANK && rank == ALTERNATING_RANK);
    }
}
