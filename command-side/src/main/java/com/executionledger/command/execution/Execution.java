package com.executionledger.command.execution;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.executionledger.events.EventRejected;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.lifecycle.ExecutionLifecycle;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.lifecycle.StateChange;
import com.executionledger.store.LedgerChain;
import com.executionledger.store.OperatorAct;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The ledger of one execution. It keeps the upstream facts in arrival order and decides what
 * depends on arrival: whether an event was seen before, and which organization owns the
 * execution. Its state is derived from the facts in the contract's order
 * ({@link ExecutionLifecycle}), so any delivery order converges on the same state.
 */
@Aggregate(cache = ExecutionCache.NAME, commandTargetResolver = ExecutionTarget.NAME)
class Execution {

    @AggregateIdentifier
    private String executionId;
    private final List<ExecutionEvent> facts = new ArrayList<>();
    /** Each eventId in this ledger, with its event and sequence number: the same id again is a duplicate or a conflict. */
    private final Map<String, Seen> seenEvents = new HashMap<>();
    private String chainHead = LedgerChain.GENESIS;
    /** The sequence number of the last event in this execution's ledger, facts and rejections alike. */
    private long lastSequence = -1;

    static {
        ArrivalClock.install();
    }

    Execution() {
        // for Axon: an execution comes into being with the first event recorded for its id
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<RecordingOutcome> handle(RecordExecutionEvents command) {
        if (command.lastSequence() != null && command.lastSequence() != lastSequence) {
            throw new StaleExecution(command.executionId(), lastSequence, command.lastSequence());
        }
        return recordAll(command);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    List<RecordingOutcome> handle(RecordFirstExecutionEvents command) {
        return recordAll(command);
    }

    /** What became of each event, in the order given. */
    private List<RecordingOutcome> recordAll(ExecutionCommand command) {
        List<RecordingOutcome> outcomes = new ArrayList<>(command.events().size());
        for (ExecutionEvent event : command.events()) {
            outcomes.add(record(event, command.operatorActs().get(event.header().eventId())));
        }
        return outcomes;
    }

    /**
     * Records one upstream event: a duplicate or a foreign one changes nothing; anything else is
     * appended, with the operator's act that brought it, if any.
     */
    private RecordingOutcome record(ExecutionEvent event, OperatorAct act) {
        // the clock of the events' own timestamps, in the store's precision
        Instant takenAt = GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Seen seen = seenEvents.get(event.header().eventId());
        if (seen != null) {
            // in their current version: a redelivery in an older version of its data is still the same event
            return seen.event().current().equals(event.current()) ? RecordingOutcome.duplicate(takenAt, lastSequence)
                    : RecordingOutcome.conflicting(otherContent(event.header().eventId()), takenAt, lastSequence,
                            new EventPointer(executionId, seen.sequence()));
        }
        String eventOrganization = event.header().organizationId();
        Optional<String> owner = ExecutionLifecycle.owner(facts);
        if (owner.isPresent() && !owner.get().equals(eventOrganization)) {
            return RecordingOutcome.rejected(foreignOrganization(eventOrganization, event.header().executionId()), takenAt,
                    lastSequence);
        }
        List<ExecutionEvent> foreignBeforeCreation = owner.isEmpty() && event instanceof ExecutionCreated
                ? facts.stream().filter(early -> !early.header().organizationId().equals(eventOrganization)).toList()
                : List.of();
        long before = lastSequence;
        List<RecordingOutcome.LaterRejection> laterRejections = new ArrayList<>();
        ArrivalClock.pinnedAt(takenAt, () -> {
            append(event, effectOf(event), act, takenAt);
            for (ExecutionEvent early : foreignBeforeCreation) {
                String reason = foreignOrganization(early.header().organizationId(), executionId);
                append(new EventRejected(early.header(), early.type(), reason), "rejected: " + reason, null, takenAt);
                laterRejections.add(new RecordingOutcome.LaterRejection(early, reason));
            }
            return null;
        });
        return RecordingOutcome.appended(laterRejections, takenAt, before);
    }

    /**
     * Appends an event with what it did, when it arrived, its link in the execution's hash chain
     * (which covers all three) and the operator's act, if any. Call with the clock pinned at {@code arrivedAt}.
     */
    private void append(Object event, String effect, OperatorAct act, Instant arrivedAt) {
        String arrival = arrivedAt.toString();
        MetaData metaData = MetaData.with(StateChange.METADATA_KEY, effect)
                .and(LedgerChain.ARRIVED_AT_KEY, arrival)
                .and(LedgerChain.METADATA_KEY, LedgerChain.nextAppended(chainHead, event, effect, arrival));
        apply(event, act == null ? metaData : metaData.and(OperatorAct.METADATA_KEY, act.asMap()));
    }

    /** What the event does to the execution, kept beside it in the ledger for auditors. */
    private String effectOf(ExecutionEvent event) {
        List<ExecutionEvent> withEvent = new ArrayList<>(facts);
        withEvent.add(event);
        return StateChange.describe(state(), ExecutionLifecycle.derive(withEvent), event.type());
    }

    /** An event of this ledger, and its sequence number in it. */
    private record Seen(ExecutionEvent event, long sequence) {
    }

    private static String otherContent(String eventId) {
        return "eventId '" + eventId + "' is already in the ledger with other content";
    }

    private static String foreignOrganization(String eventOrganization, String executionId) {
        return "organizationId '" + eventOrganization + "' does not own execution '" + executionId + "'";
    }

    @EventSourcingHandler
    void on(ExecutionEvent event, MetaData metaData) {
        executionId = event.header().executionId();
        facts.add(event);
        seenEvents.putIfAbsent(event.header().eventId(), new Seen(event, lastSequence + 1));
        followChain(event, metaData);
    }

    @EventSourcingHandler
    void on(EventRejected rejection, MetaData metaData) {
        followChain(rejection, metaData);
    }

    /** The chain continues from each event's stored link (computed here for an event that has none). */
    private void followChain(Object event, MetaData metaData) {
        lastSequence++;
        Object link = metaData.get(LedgerChain.METADATA_KEY);
        chainHead = link != null ? link.toString() : LedgerChain.next(chainHead, event,
                (String) metaData.get(StateChange.METADATA_KEY), (String) metaData.get(LedgerChain.ARRIVED_AT_KEY));
    }

    /** The execution as its facts make it; empty until its {@code execution_created} arrives. */
    Optional<ExecutionState> state() {
        return ExecutionLifecycle.derive(facts);
    }
}
