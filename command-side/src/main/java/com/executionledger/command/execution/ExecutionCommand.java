package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import java.util.List;

/** A command to one execution: it carries upstream events and the id of the execution it is for. */
sealed interface ExecutionCommand permits RecordExecutionEvents, RecordFirstExecutionEvents {

    String executionId();

    List<ExecutionEvent> events();
}
