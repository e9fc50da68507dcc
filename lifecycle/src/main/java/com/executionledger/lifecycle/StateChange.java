package com.executionledger.lifecycle;

import com.executionledger.events.EventType;
import com.executionledger.events.ExecutionStatus;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one event did to an execution, in words an auditor reads: the fields it changed, or why
 * it changed nothing (a late or ignored event).
 */
public final class StateChange {

    /** The metadata key under which the ledger keeps each event's effect beside it. */
    public static final String METADATA_KEY = "effect";

    private static final RecordComponent[] STATE_FIELDS = ExecutionState.class.getRecordComponents();

    private StateChange() {
    }

    public static String describe(Optional<ExecutionState> before, Optional<ExecutionState> after, EventType type) {
        if (after.isEmpty()) {
            return "kept; takes effect when execution_created arrives";
        }
        if (before.isEmpty()) {
            return "listed the execution with status " + after.get().status().wireName();
        }
        List<String> changes = new ArrayList<>();
        for (RecordComponent field : STATE_FIELDS) {
            Object old = EventType.componentValue(field, before.get());
            Object now = EventType.componentValue(field, after.get());
            if (!Objects.equals(old, now)) {
                changes.add(field.getName().equals("status")
                        ? "status " + ((ExecutionStatus) old).wireName() + " -> " + ((ExecutionStatus) now).wireName()
                        : field.getName());
            }
        }
        if (!changes.isEmpty()) {
            return "changed " + String.join(", ", changes);
        }
        if (type.isWorkflowEvent() && after.get().status().isTerminal()) {
            return "ignored: the execution had already reached " + after.get().status().wireName();
        }
        return "changed nothing: late, or repeating what was known";
    }
}
