package com.executionledger.query.readmodel;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionLifecycle;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Projects the ledger into the executions table. Each fact is recorded at its place in its
 * execution's ledger and the row is derived again from all of them in the contract's order, so
 * the row is the same whatever the delivery order; a fact handled twice is recognised by its
 * place and changes nothing, which makes replays safe.
 */
@Component
@ProcessingGroup(ExecutionProjection.PROCESSING_GROUP)
class ExecutionProjection {

    static final String PROCESSING_GROUP = "executions";

    private final ExecutionFacts facts;
    private final ExecutionRows rows;

    ExecutionProjection(ExecutionFacts facts, ExecutionRows rows) {
        this.facts = facts;
        this.rows = rows;
    }

    @EventHandler
    void on(ExecutionEvent event, @SequenceNumber long sequenceNumber) {
        if (!facts.record(event, sequenceNumber)) {
            return;
        }
        ExecutionLifecycle.derive(facts.inArrivalOrder(event.header().executionId())).ifPresent(rows::save);
    }

    @ResetHandler
    void onReset() {
        facts.deleteAll();
        rows.deleteAll();
    }
}
