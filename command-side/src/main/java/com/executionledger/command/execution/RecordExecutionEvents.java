package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the execution to take upstream events into its ledger, in the order given: all of one
 * execution's events in an ingested batch go as one command.
 */
public record RecordExecutionEvents(@TargetAggregateIdentifier String executionId, List<ExecutionEvent> events)
        implements ExecutionCommand {

    public RecordExecutionEvents {
        events = List.copyOf(events);
    }

    public RecordExecutionEvents(ExecutionEvent event) {
        this(event.header().executionId(), List.of(event));
    }
}
