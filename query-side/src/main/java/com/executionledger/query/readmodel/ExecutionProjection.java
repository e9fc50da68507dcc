package com.executionledger.query.readmodel;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionLifecycle;
import com.executionledger.events.ExecutionState;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Projects the ledger into the executions table. Each fact is recorded at its place in its
 * execution's ledger and the row is derived again from all of them in the contract's order, so
 * the row is the same whatever the delivery order; a fact handled twice is recognised by its
 * place and changes nothing, which makes replays safe. The facts of one processor batch are
 * written together just before its transaction commits: a few statements per batch, not per event.
 */
@Component
@ProcessingGroup(ExecutionProjection.PROCESSING_GROUP)
class ExecutionProjection {

    static final String PROCESSING_GROUP = "executions";
    private static final String PENDING = ExecutionProjection.class.getName() + ".pending";

    private static final int MAX_REMEMBERED = 20_000;

    private final ExecutionFacts facts;
    private final ExecutionRows rows;
    private final Map<String, KnownFacts> recent = new ConcurrentHashMap<>();

    ExecutionProjection(ExecutionFacts facts, ExecutionRows rows) {
        this.facts = facts;
        this.rows = rows;
    }

    @EventHandler
    void on(ExecutionEvent event, @SequenceNumber long sequenceNumber, UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        List<ExecutionFacts.Fact> pending = batch.getOrComputeResource(PENDING, key -> {
            List<ExecutionFacts.Fact> collected = new ArrayList<>();
            batch.onPrepareCommit(committing -> project(collected));
            batch.onRollback(failed -> recent.clear()); // what was remembered may not have been committed
            return collected;
        });
        pending.add(new ExecutionFacts.Fact(event, sequenceNumber));
    }

    private void project(List<ExecutionFacts.Fact> pending) {
        Map<String, List<ExecutionFacts.Fact>> recorded = new LinkedHashMap<>();
        for (ExecutionFacts.Fact fact : facts.recordAll(pending)) {
            recorded.computeIfAbsent(fact.event().header().executionId(), id -> new ArrayList<>()).add(fact);
        }
        if (recorded.isEmpty()) {
            return;
        }
        Map<String, KnownFacts> all = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        recorded.forEach((executionId, added) -> {
            KnownFacts known = recent.get(executionId);
            KnownFacts extended = known == null ? null : known.extendedBy(added);
            if (extended != null) {
                all.put(executionId, extended);
            } else {
                unknown.add(executionId);
            }
        });
        facts.inArrivalOrder(unknown).forEach((executionId, stored) -> all.put(executionId,
                new KnownFacts(recorded.get(executionId).get(recorded.get(executionId).size() - 1).sequenceNumber(), stored)));
        List<ExecutionState> states = new ArrayList<>(all.size());
        all.values().forEach(known -> ExecutionLifecycle.derive(known.facts()).ifPresent(states::add));
        rows.saveAll("executions", states);
        remember(all);
    }

    /**
     * An execution's facts as last projected, up to its highest sequence number. A batch that
     * continues it without a gap is folded from memory instead of re-read; anything else (a gap,
     * a fact handled elsewhere meanwhile, a restart) reads the facts table again.
     */
    private record KnownFacts(long lastSequence, List<ExecutionEvent> facts) {

        KnownFacts extendedBy(List<ExecutionFacts.Fact> added) {
            List<ExecutionEvent> extended = new ArrayList<>(facts);
            long expected = lastSequence + 1;
            for (ExecutionFacts.Fact fact : added) {
                if (fact.sequenceNumber() != expected++) {
                    return null;
                }
                extended.add(fact.event());
            }
            return new KnownFacts(expected - 1, extended);
        }
    }

    private void remember(Map<String, KnownFacts> projected) {
        if (recent.size() + projected.size() > MAX_REMEMBERED) {
            recent.clear();
        }
        recent.putAll(projected);
    }

    @ResetHandler
    void onReset() {
        recent.clear();
        facts.deleteAll();
        rows.deleteAll();
    }
}
