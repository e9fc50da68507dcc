package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks the execution to take one upstream event into its ledger. */
public record RecordExecutionEvent(@TargetAggregateIdentifier String executionId, ExecutionEvent event)
        implements ExecutionCommand {

    public RecordExecutionEvent(ExecutionEvent event) {
        this(event.header().executionId(), event);
    }
}
