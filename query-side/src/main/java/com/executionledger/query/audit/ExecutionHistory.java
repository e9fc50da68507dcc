package com.executionledger.query.audit;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.EventJson;
import com.executionledger.events.EventRejected;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.lifecycle.ExecutionLifecycle;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.store.LedgerEvents;
import com.executionledger.store.StoredEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * An execution's history as an auditor reads it: every event in the ledger, in arrival order,
 * with what it did; beside them, the redeliveries the ledger recognised and the events it
 * rejected. Only the owning organization sees it; to anyone else the execution does not exist.
 */
@Service
public class ExecutionHistory {

    /**
     * One arrival: appended (with its ledger position), duplicate, or rejected; {@code operatorAct}
     * says when an operator's re-drive brought it (who, when, the original bytes), absent otherwise.
     */
    public record Entry(Long position, Instant arrivedAt, String outcome, Map<String, Object> envelope, String effect,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> operatorAct) {

        Entry(Long position, Instant arrivedAt, String outcome, Map<String, Object> envelope, String effect) {
            this(position, arrivedAt, outcome, envelope, effect, null);
        }
    }

    private static final TypeReference<Map<String, Object>> OPERATOR_ACT = new TypeReference<>() {
    };

    private final LedgerEvents ledger;
    private final JdbcTemplate jdbc;
    private final EnvelopeWriter writer = new EnvelopeWriter();

    ExecutionHistory(LedgerEvents ledger, JdbcTemplate jdbc) {
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    /** The execution as the ledger knew it at that instant, if the organization owned it by then. */
    public Optional<ExecutionState> asOf(String organizationId, String executionId, Instant asOf) {
        List<ExecutionEvent> facts = LedgerEvents.facts(ledger.ofExecutionAsOf(executionId, asOf));
        return ExecutionLifecycle.derive(facts).filter(state -> state.organizationId().equals(organizationId));
    }

    /** The whole history in arrival order, or empty when the organization does not own the execution. */
    public Optional<List<Entry>> of(String organizationId, String executionId) {
        List<StoredEvent> stored = ledger.ofExecution(executionId);
        Optional<String> owner = ExecutionLifecycle.owner(LedgerEvents.facts(stored));
        if (owner.isEmpty() || !owner.get().equals(organizationId)) {
            return Optional.empty();
        }
        List<PlacedEntry> placed = new ArrayList<>();
        Map<String, Long> positionOfEvent = new HashMap<>();
        for (StoredEvent event : stored) {
            placed.add(new PlacedEntry(event.sequence(), true, ledgerEntry(event, organizationId)));
            if (event.payload() instanceof ExecutionEvent fact) {
                positionOfEvent.put(fact.header().eventId(), event.position());
            }
        }
        // the command side's published view of deliveries that added nothing: redeliveries and rejections
        jdbc.query("""
                SELECT outcome, event_id, received_at, reason, after_sequence, operator_act FROM delivery_outcomes
                WHERE execution_id = ?""", rs -> {
            Entry entry = rs.getString(1).equals("duplicate")
                    ? new Entry(null, instant(rs.getTimestamp(3)), "duplicate", Map.of("eventId", rs.getString(2)),
                            "changed nothing: a redelivery of the event at ledger position " + positionOfEvent.get(rs.getString(2)))
                    : new Entry(null, instant(rs.getTimestamp(3)), "rejected", eventIdOnly(rs.getString(2)), rs.getString(4),
                            operatorAct(rs.getString(6)));
            placed.add(new PlacedEntry(afterSequence(rs.getObject(5, Long.class), entry.arrivedAt(), stored), false, entry));
        }, executionId);
        placed.sort(Comparator.comparingLong(PlacedEntry::afterSequence)
                .thenComparing(PlacedEntry::inLedger, Comparator.reverseOrder())
                .thenComparing(place -> place.entry().arrivedAt()));
        return Optional.of(placed.stream().map(PlacedEntry::entry).toList());
    }

    /** A rejected delivery's envelope as the history shows it: its eventId, which may be missing. */
    private static Map<String, Object> eventIdOnly(String eventId) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        return envelope;
    }

    /**
     * An entry at its place: right after the ledger event with sequence {@code afterSequence}
     * (that event itself when {@code inLedger}).
     */
    private record PlacedEntry(long afterSequence, boolean inLedger, Entry entry) {
    }

    /**
     * Where an arrival outside the ledger goes: where the ledger stood when its execution took it,
     * or, for rows that do not say (kept before the ledger recorded it, or never taken by the
     * execution), after the last ledger event that arrived before it.
     */
    private static long afterSequence(Long recorded, Instant arrivedAt, List<StoredEvent> ledger) {
        if (recorded != null) {
            return recorded;
        }
        long after = -1;
        for (StoredEvent event : ledger) {
            if (!event.arrivedAt().isAfter(arrivedAt)) {
                after = event.sequence();
            }
        }
        return after;
    }

    private Entry ledgerEntry(StoredEvent event, String organizationId) {
        if (event.payload() instanceof ExecutionEvent fact) {
            Map<String, Object> envelope = writer.envelope(fact);
            if (!organizationId.equals(fact.header().organizationId())) {
                envelope.remove("organizationId"); // never show one organization's data to another
                envelope.remove("data");
            }
            return new Entry(event.position(), event.arrivedAt(), "appended", envelope, event.effect(), event.operatorAct());
        }
        if (event.payload() instanceof EventRejected rejected) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("eventId", rejected.header().eventId());
            envelope.put("type", rejected.rejectedType().wireName());
            envelope.put("occurredAt", rejected.header().occurredAt().toString());
            envelope.put("sourceSystem", rejected.header().sourceSystem());
            return new Entry(event.position(), event.arrivedAt(), "rejected", envelope, event.effect());
        }
        return new Entry(event.position(), event.arrivedAt(), "unreadable", Map.of(), "the stored event no longer reads");
    }

    private static Map<String, Object> operatorAct(String json) {
        try {
            return json == null ? null : EventJson.mapper().readValue(json, OPERATOR_ACT);
        } catch (IOException unreadable) {
            return Map.of("unreadable", json);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
