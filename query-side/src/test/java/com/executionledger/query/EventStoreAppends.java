package com.executionledger.query;

import com.executionledger.events.ExecutionEvent;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Appends to the event store as the command side does: at each execution's next sequence number. */
public final class EventStoreAppends {

    private final EventStore eventStore;
    private final Map<String, Long> nextSequence = new HashMap<>();

    public EventStoreAppends(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public void append(ExecutionEvent... events) {
        for (ExecutionEvent event : events) {
            append(event.header().executionId(), event);
        }
    }

    /** Any payload the ledger keeps, its own rejections included: each takes a place in the execution's ledger. */
    public void append(String executionId, Object payload) {
        long sequence = nextSequence.merge(executionId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>("Execution", executionId, sequence, payload));
    }
}
