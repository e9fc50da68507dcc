package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Like {@link RecordExecutionEvent}, for an execution the ledger does not hold yet: it starts a
 * new one without first looking it up in the event store. If another writer started it
 * meanwhile, the append conflicts on the event store's unique sequence and the batch is retried.
 */
public record RecordFirstExecutionEvent(@TargetAggregateIdentifier String executionId, ExecutionEvent event)
        implements ExecutionCommand {

    public RecordFirstExecutionEvent(ExecutionEvent event) {
        this(event.header().executionId(), event);
    }
}
