package com.executionledger.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ten event types of the contract. Declared in the contract's tie-break order (rule 3), so
 * {@link #ordinal()} breaks ties between events that occurred at the same instant.
 */
public enum EventType {
    EXECUTION_CREATED("execution_created", Set.of("workflowId"), ExecutionCreated.class),
    PAYMENT_FAILED("payment_failed", Set.of(), PaymentFailed.class),
    PAYMENT_CONFIRMED("payment_confirmed", Set.of(), PaymentConfirmed.class),
    WORKFLOW_QUEUED("workflow_queued", Set.of(), WorkflowQueued.class),
    WORKFLOW_RUNNING("workflow_running", Set.of(), WorkflowRunning.class),
    WORKFLOW_WAITING("workflow_waiting", Set.of(), WorkflowWaiting.class),
    WORKFLOW_SUCCEEDED("workflow_succeeded", Set.of(), WorkflowSucceeded.class),
    WORKFLOW_FAILED("workflow_failed", Set.of("error"), WorkflowFailedV1.class, WorkflowFailed.class),
    WORKFLOW_CANCELLED("workflow_cancelled", Set.of(), WorkflowCancelled.class),
    PAYMENT_REFUNDED("payment_refunded", Set.of(), PaymentRefunded.class);

    /** Each record's components, looked up once per class: reflection per event is a measurable cost. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> recordType) {
            return recordType.getRecordComponents();
        }
    };

    private final String wireName;
    private final List<Class<? extends ExecutionEvent>> versions;
    private final Set<String> requiredData;

    /**
     * @param requiredData data fields required where a version has them
     * @param versions     the record of each version of the type's data, version 1 first; the last
     *                     is the current one, which every reader sees (EVOLUTION.md)
     */
    @SafeVarargs
    EventType(String wireName, Set<String> requiredData, Class<? extends ExecutionEvent>... versions) {
        this.wireName = wireName;
        this.requiredData = requiredData;
        this.versions = List.of(versions);
    }

    static RecordComponent[] componentsOf(Class<?> recordType) {
        return COMPONENTS.get(recordType);
    }

    /** The current version of the type's data. */
    public int currentVersion() {
        return versions.size();
    }

    /** The record of a version of the type's data, if this ledger reads it. */
    public Optional<Class<? extends ExecutionEvent>> recordOf(int dataVersion) {
        return dataVersion >= 1 && dataVersion <= versions.size() ? Optional.of(versions.get(dataVersion - 1)) : Optional.empty();
    }

    int versionOf(Class<?> recordType) {
        return versions.indexOf(recordType) + 1;
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
        return TYPES.get(recordType);
    }

    /** Looked up once per class: every comparison in the contract's order asks. */
    private static final ClassValue<EventType> TYPES = new ClassValue<>() {
        @Override
        protected EventType computeValue(Class<?> recordType) {
            return typeOf(recordType);
        }
    };

    private static EventType typeOf(Class<?> recordType) {
        for (EventType type : values()) {
            if (type.versions.contains(recordType)) {
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
    static ExecutionEvent newEvent(Class<? extends ExecutionEvent> recordType, EventHeader header,
                                   Map<String, Object> dataFields, Map<String, Object> otherData) {
        RecordComponent[] components = componentsOf(recordType);
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
