package com.executionledger.events;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An upstream fact about one execution, as accepted into the ledger. Each type is a record whose
 * components, besides {@code header} and {@code otherData}, are exactly the contract's data
 * fields, named as on the wire; {@code otherData} keeps the fields the contract does not name.
 */
public sealed interface ExecutionEvent permits
        ExecutionCreated, PaymentConfirmed, PaymentFailed, PaymentRefunded,
        WorkflowQueued, WorkflowRunning, WorkflowWaiting,
        WorkflowSucceeded, WorkflowFailed, WorkflowFailedV1, WorkflowCancelled {

    EventHeader header();

    Map<String, Object> otherData();

    default EventType type() {
        return EventType.of(getClass());
    }

    /** Which version of its type's data this event carries (the envelope's {@code dataVersion}). */
    default int dataVersion() {
        return type().versionOf(getClass());
    }

    /** The event in its type's current version, as every reader of the ledger sees it (EVOLUTION.md). */
    default ExecutionEvent current() {
        return this;
    }

    /** The {@code data} object as it goes on the wire: the named fields that are set, then the others. */
    default Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (RecordComponent component : EventType.componentsOf(getClass())) {
            if (EventType.isDataField(component)) {
                Object value = EventType.componentValue(component, this);
                if (value != null) {
                    data.put(component.getName(), value);
                }
            }
        }
        if (otherData() != null) {
            otherData().forEach(data::putIfAbsent);
        }
        return data;
    }
}
