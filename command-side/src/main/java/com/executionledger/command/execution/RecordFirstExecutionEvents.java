package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Like {@link RecordExecutionEvents}, for an execution the ledger does not hold yet: it starts a
 * new one without first looking it up in the event store. If another writer started it
 * meanwhile, the append conflicts on the event store's unique sequence and the batch is retried.
 */
public record RecordFirstExecutionEvents(@TargetAggregateIdentifier String executionId, List<ExecutionEvent> events)
        implements ExecutionCommand {

    public RecordFirstExecutionEvents {
        events = List.copyOf(events);
    }

    public RecordFirstExecutionEvents(ExecutionEvent event) {
        this(event.header().executionId(), List.of(event));
    }
}
