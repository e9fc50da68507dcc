package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;

/** A command to one execution: it carries the upstream event and the id of the execution it is for. */
sealed interface ExecutionCommand permits RecordExecutionEvent, RecordFirstExecutionEvent {

    String executionId();

    ExecutionEvent event();
}
