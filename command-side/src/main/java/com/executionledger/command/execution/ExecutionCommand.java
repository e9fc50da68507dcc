package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.store.OperatorAct;
import java.util.List;
import java.util.Map;

/** A command to one execution: it carries upstream events and the id of the execution it is for. */
sealed interface ExecutionCommand permits RecordExecutionEvents, RecordFirstExecutionEvents {

    String executionId();

    List<ExecutionEvent> events();

    /** By eventId, what an operator did to bring the event here; recorded with it if it is appended. */
    Map<String, OperatorAct> operatorActs();
}
