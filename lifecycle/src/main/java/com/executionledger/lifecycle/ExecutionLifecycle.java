package com.executionledger.lifecycle;

import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The contract's lifecycle as a function of the facts: whatever order they arrived in, the state
 * is the fold of the owner's events sorted by rule 3 (occurredAt, then type, then eventId).
 */
public final class ExecutionLifecycle {

    /** Rule 3 of the contract: the order in which events take effect. */
    public static final Comparator<ExecutionEvent> CONTRACT_ORDER = Comparator
            .comparing((ExecutionEvent event) -> event.header().occurredAt())
            .thenComparing(ExecutionEvent::type)
            .thenComparing(event -> event.header().eventId());

    private ExecutionLifecycle() {
    }

    /**
     * The state of an execution from its accepted events in arrival order, or empty while no
     * {@code execution_created} has arrived. The first {@code execution_created} to arrive names
     * the owner; events of any other organization take no effect.
     */
    public static Optional<ExecutionState> derive(List<ExecutionEvent> factsInArrivalOrder) {
        Optional<String> owner = owner(factsInArrivalOrder);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        ExecutionFold fold = new ExecutionFold(owner.get());
        factsInArrivalOrder.stream()
                .filter(event -> event.header().organizationId().equals(owner.get()))
                .map(ExecutionEvent::current) // an older version of a type's data, as its current one
                .sorted(CONTRACT_ORDER)
                .forEach(fold::apply);
        return Optional.of(fold.state());
    }

    /** The organization of the first {@code execution_created} to arrive, if any has. */
    public static Optional<String> owner(List<ExecutionEvent> factsInArrivalOrder) {
        return factsInArrivalOrder.stream()
                .filter(ExecutionCreated.class::isInstance)
                .map(event -> event.header().organizationId())
                .findFirst();
    }
}
