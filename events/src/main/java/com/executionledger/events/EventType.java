package com.executionledger.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ten event types of the contract. Declared in the contract's tie-break order (rule 3), so
 * {@link #ordinal()} breaks ties between events that occurred at the same instant.
 */
public enum EventType {
    EXECUTION_CREATED("execution_created", ExecutionCreated.class, Set.of("workflowId")),
    PAYMENT_FAILED("payment_failed", PaymentFailed.class, Set.of()),
    PAYMENT_CONFIRMED("payment_confirmed", PaymentConfirmed.class, Set.of()),
    WORKFLOW_QUEUED("workflow_queued", WorkflowQueued.class, Set.of()),
    WORKFLOW_RUNNING("workflow_running", WorkflowRunning.class, Set.of()),
    WORKFLOW_WAITING("workflow_waiting", WorkflowWaiting.class, Set.of()),
    WORKFLOW_SUCCEEDED("workflow_succeeded", WorkflowSucceeded.class, Set.of()),
    WORKFLOW_FAILED("workflow_failed", WorkflowFailed.class, Set.of()),
    WORKFLOW_CANCELLED("workflow_cancelled", WorkflowCancelled.class, Set.of()),
    PAYMENT_REFUNDED("payment_refunded", PaymentRefunded.class, Set.of());

    private final String wireName;
    private final Class<? extends ExecutionEvent> recordType;
    private final Set<String> requiredData;
    private final RecordComponent[] components;

    EventType(String wireName, Class<? extends ExecutionEvent> recordType, Set<String> requiredData) {
        this.wireName = wireName;
        this.recordType = recordType;
        this.requiredData = requiredData;
        this.components = recordType.getRecordComponents();
    }

    /** The record's components, looked up once: reflection per event is a measurable cost. */
    RecordComponent[] components() {
        return components;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isWorkflowEvent() {
        return wireName.startsWith("workflow_");
    }

    boolean isRequired(String dataField) {
        return requiredData.contains(dataField);
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
    }

    static EventType of(Class<?> recordType) {
        for (EventType type : values()) {
            if (type.recordType == recordType) {
                return type;
            }
        }
        throw new IllegalArgumentException("not an event record: " + recordType.getName());
    }

    /** Components of the record that are data fields of the contract (not header, not the rest). */
    static boolean isDataField(RecordComponent component) {
        return !component.getName().equals("header") && !component.getName().equals("otherData");
    }

    public static Object componentValue(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    /** Builds the record from a header, the already validated data fields and the unknown ones. */
    ExecutionEvent newEvent(EventHeader header, Map<String, Object> dataFields, Map<String, Object> otherData) {
        Object[] arguments = new Object[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            parameterTypes[i] = components[i].getType();
            arguments[i] = switch (name) {
                case "header" -> header;
                case "otherData" -> otherData;
                default -> dataFields.get(name);
            };
        }
        try {
            return recordType.getDeclaredConstructor(parameterTypes).newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + recordType.getSimpleName(), e);
        }
    }
}
