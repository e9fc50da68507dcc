package com.executionledger.store;

import com.executionledger.events.WorkflowError;
import com.executionledger.events.WorkflowFailed;
import com.executionledger.events.WorkflowFailedV1;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Stored events of an older version of their type's data, read as the current version
 * (events/EVOLUTION.md). Axon's readers (the projection, the rebuild's replay, an execution
 * loaded by the command side) meet it as an upcaster in their chain; the ledger's own SQL reads
 * ({@link LedgerEvents}: history, as-of, the projection's look-ups) call {@link #current} with the
 * same rules. Version 1 of {@code workflow_failed} is stored under two names: as
 * {@code WorkflowFailed} by ledgers written before version 2 existed, as {@code WorkflowFailedV1}
 * since, when a producer still sends version 1.
 */
final class StoredVersions extends SingleEventUpcaster {

    private static final String FAILED = WorkflowFailed.class.getName();
    private static final String FAILED_V1 = WorkflowFailedV1.class.getName();
    private static final SimpleSerializedType FAILED_CURRENT = new SimpleSerializedType(FAILED, "2");

    /** The record every older stored version reads as: the type's current version. */
    static final Class<WorkflowFailed> CURRENT_RECORD = WorkflowFailed.class;
    /**
     * The record an older stored version was appended as, which its hash-chain link covers
     * (version 1 of workflow_failed had the same fields under either name).
     */
    static final Class<WorkflowFailedV1> OLDER_RECORD = WorkflowFailedV1.class;

    /** Whether a stored payload of this type and revision is an older version. */
    static boolean isOlder(String payloadType, String revision) {
        return "1".equals(revision) && (FAILED.equals(payloadType) || FAILED_V1.equals(payloadType));
    }

    /** Version 1 of workflow_failed as version 2: its statusReason becomes the error's message, code "unspecified". */
    static ObjectNode current(ObjectNode version1) {
        ObjectNode error = version1.objectNode();
        error.put("code", WorkflowError.UNSPECIFIED);
        error.set("message", version1.has("statusReason") ? version1.get("statusReason") : version1.nullNode());
        error.putNull("retryable");
        ObjectNode version2 = version1.objectNode();
        version2.set("header", version1.get("header"));
        version2.set("error", error);
        version2.set("responsePayload", version1.get("responsePayload"));
        version2.set("otherData", version1.get("otherData"));
        return version2;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return isOlder(representation.getType().getName(), representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(FAILED_CURRENT, ObjectNode.class, StoredVersions::current);
    }
}
