package com.executionledger.query.readmodel;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionLifecycle;
import com.executionledger.events.ExecutionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Projects the ledger into the executions table. Each fact is recorded at its place in its
 * execution's ledger and the row is derived again from all of them in the contract's order, so
 * the row is the same whatever the delivery order; a fact handled twice is recognised by its
 * place and changes nothing, which makes replays safe. The facts of one processor batch are
 * written together just before its transaction commits: a few statements per batch, not per event.
 */
@Component
@ProcessingGroup(ExecutionProjection.PROCESSING_GROUP)
class ExecutionProjection {

    static final String PROCESSING_GROUP = "executions";
    private static final String PENDING = ExecutionProjection.class.getName() + ".pending";

    private final ExecutionFacts facts;
    private final ExecutionRows rows;

    ExecutionProjection(ExecutionFacts facts, ExecutionRows rows) {
        this.facts = facts;
        this.rows = rows;
    }

    @EventHandler
    void on(ExecutionEvent event, @SequenceNumber long sequenceNumber, UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        List<ExecutionFacts.Fact> pending = batch.getOrComputeResource(PENDING, key -> {
            List<ExecutionFacts.Fact> collected = new ArrayList<>();
            batch.onPrepareCommit(committing -> project(collected));
            return collected;
        });
        pending.add(new ExecutionFacts.Fact(event, sequenceNumber));
    }

    private void project(List<ExecutionFacts.Fact> pending) {
        Set<String> changed = facts.recordAll(pending);
        if (changed.isEmpty()) {
            return;
        }
        List<ExecutionState> states = new ArrayList<>(changed.size());
        for (Map.Entry<String, List<ExecutionEvent>> execution : facts.inArrivalOrder(changed).entrySet()) {
            ExecutionLifecycle.derive(execution.getValue()).ifPresent(states::add);
        }
        rows.saveAll("executions", states);
    }

    @ResetHandler
    void onReset() {
        facts.deleteAll();
        rows.deleteAll();
    }
}
