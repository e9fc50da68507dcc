package com.executionledger.store;

import com.executionledger.events.EventRevision;
import org.axonframework.serialization.RevisionResolver;

/** Reads the revision of a stored event from the contract's own {@link EventRevision}. */
class EventRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventRevision revision = payloadType.getAnnotation(EventRevision.class);
        return revision == null ? null : revision.value();
    }
}
