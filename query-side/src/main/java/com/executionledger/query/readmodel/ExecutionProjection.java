package com.executionledger.query.readmodel;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.lifecycle.ExecutionLifecycle;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.query.ProjectionProperties;
import com.executionledger.store.LedgerEvents;
import com.executionledger.store.StoredEvent;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Projects the ledger into the executions table. A row is derived from all of its execution's
 * facts in the contract's order, so it is the same whatever the delivery order, and handling an
 * event twice derives the same row again, which makes replays safe. The facts are the ledger's
 * own: an execution this projection has followed is continued from memory, any other (a new
 * start, a gap, a restart) is read from the event store. The rows of one processor batch are
 * written together just before its transaction commits: one statement batch, not one per event.
 */
@Component
@ProcessingGroup(ExecutionProjection.PROCESSING_GROUP)
class ExecutionProjection {

    static final String PROCESSING_GROUP = ProjectionProperties.PROCESSOR;
    private static final String PENDING = ExecutionProjection.class.getName() + ".pending";

    /**
     * Few, on purpose: what is remembered outlives young collections, and at 20,000 executions
     * their facts made the query side's young pauses 100 to 190 ms (the lag's tail). Replay and
     * ingest ran as fast with 1,000; a forgotten execution is read back in the batch's one query.
     */
    private static final int MAX_REMEMBERED = 1_000;

    private final LedgerEvents ledger;
    private final ExecutionRows rows;
    private final SetAsideRetries setAside;
    private final Map<String, KnownFacts> recent = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED)
            .<String, KnownFacts>build().asMap();

    ExecutionProjection(LedgerEvents ledger, ExecutionRows rows, SetAsideRetries setAside) {
        this.ledger = ledger;
        this.rows = rows;
        this.setAside = setAside;
    }

    /** A fact at its place (the execution's sequence number) in its execution's ledger. */
    record Fact(ExecutionEvent event, long sequenceNumber) {
    }

    @EventHandler
    void on(ExecutionEvent event, @SequenceNumber long sequenceNumber, UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        List<Fact> pending = batch.getOrComputeResource(PENDING, key -> {
            List<Fact> collected = new ArrayList<>();
            batch.onPrepareCommit(committing -> project(collected));
            batch.onRollback(failed -> recent.clear()); // what was remembered may not have been committed
            return collected;
        });
        pending.add(new Fact(event, sequenceNumber));
    }

    private void project(List<Fact> pending) {
        rows.commitWithoutWaitingForDisk();
        Map<String, List<Fact>> added = new LinkedHashMap<>();
        for (Fact fact : pending) {
            added.computeIfAbsent(fact.event().header().executionId(), id -> new ArrayList<>()).add(fact);
        }
        Map<String, KnownFacts> all = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        added.forEach((executionId, facts) -> {
            KnownFacts known = recent.getOrDefault(executionId, KnownFacts.NOTHING);
            KnownFacts extended = known.extendedBy(facts);
            if (extended != null) {
                all.put(executionId, extended);
            } else {
                unknown.add(executionId);
            }
        });
        if (!unknown.isEmpty()) {
            ledger.ofExecutions(unknown).forEach((executionId, stored) -> all.put(executionId, KnownFacts.of(stored)));
        }
        List<ExecutionState> states = new ArrayList<>(all.size());
        all.values().forEach(known -> ExecutionLifecycle.derive(known.facts()).ifPresent(states::add));
        if (!states.isEmpty()) {
            setAside.written(states, rows.saveAll(states));
        }
        remember(all);
    }

    /**
     * An execution's facts up to a place in its ledger. Facts that continue it without a gap
     * extend it; facts at places it already covers change nothing; a gap (the ledger's own
     * rejections take places too, or this projection did not see the events before) answers null.
     */
    private record KnownFacts(long lastSequence, List<ExecutionEvent> facts) {

        static final KnownFacts NOTHING = new KnownFacts(-1, List.of());

        static KnownFacts of(List<StoredEvent> ledger) {
            return new KnownFacts(ledger.get(ledger.size() - 1).sequence(), LedgerEvents.facts(ledger));
        }

        KnownFacts extendedBy(List<Fact> added) {
            List<ExecutionEvent> extended = new ArrayList<>(facts);
            long last = lastSequence;
            for (Fact fact : added) {
                if (fact.sequenceNumber() > last + 1) {
                    return null;
                }
                if (fact.sequenceNumber() == last + 1) {
                    extended.add(fact.event());
                    last++;
                }
            }
            return new KnownFacts(last, extended);
        }
    }

    private void remember(Map<String, KnownFacts> projected) {
        recent.putAll(projected);
    }

    @ResetHandler
    void onReset() {
        recent.clear();
        rows.deleteAll();
    }
}
