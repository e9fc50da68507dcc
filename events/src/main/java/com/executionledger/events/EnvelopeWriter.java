package com.executionledger.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes events as envelopes of the contract: what an upstream producer publishes. */
public final class EnvelopeWriter {

    public byte[] write(ExecutionEvent event) {
        try {
            return EventJson.mapper().writeValueAsBytes(envelope(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.header().eventId() + " cannot be written as JSON", e);
        }
    }

    public Map<String, Object> envelope(ExecutionEvent event) {
        EventHeader header = event.header();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", header.eventId());
        envelope.put("type", event.type().wireName());
        if (event.dataVersion() > 1) {
            envelope.put("dataVersion", event.dataVersion()); // absent means 1
        }
        envelope.put("executionId", header.executionId());
        envelope.put("organizationId", header.organizationId());
        envelope.put("occurredAt", header.occurredAt().toString());
        envelope.put("sourceSystem", header.sourceSystem());
        envelope.put("data", event.data());
        return envelope;
    }
}
