package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.store.OperatorAct;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the execution to take upstream events into its ledger, in the order given: all of one
 * execution's events in an ingested batch go as one command. {@code lastSequence} is where the
 * execution's ledger stands in the event store, read under the execution's lock: an execution
 * held in memory that is behind it (another instance appended since) refuses the command with
 * {@link StaleExecution}, before anything is appended. Null: not checked. {@code operatorActs}: by
 * eventId, what an operator did to bring the event here (rule 9), recorded with it if it is appended.
 */
public record RecordExecutionEvents(@TargetAggregateIdentifier String executionId, List<ExecutionEvent> events,
                                    Long lastSequence, Map<String, OperatorAct> operatorActs) implements ExecutionCommand {

    public RecordExecutionEvents {
        events = List.copyOf(events);
        operatorActs = Map.copyOf(operatorActs);
    }

    public RecordExecutionEvents(String executionId, List<ExecutionEvent> events, Long lastSequence) {
        this(executionId, events, lastSequence, Map.of());
    }

    public RecordExecutionEvents(ExecutionEvent event) {
        this(event.header().executionId(), List.of(event), null);
    }
}
