package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.store.OperatorAct;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Like {@link RecordExecutionEvents}, for an execution the ledger does not hold yet: it starts a
 * new one without first looking it up in the event store. If another writer started it
 * meanwhile, the append conflicts on the event store's unique sequence and the batch is retried.
 */
public record RecordFirstExecutionEvents(@TargetAggregateIdentifier String executionId, List<ExecutionEvent> events,
                                         Map<String, OperatorAct> operatorActs) implements ExecutionCommand {

    public RecordFirstExecutionEvents {
        events = List.copyOf(events);
        operatorActs = Map.copyOf(operatorActs);
    }

    public RecordFirstExecutionEvents(String executionId, List<ExecutionEvent> events) {
        this(executionId, events, Map.of());
    }

    public RecordFirstExecutionEvents(ExecutionEvent event) {
        this(event.header().executionId(), List.of(event));
    }
}
