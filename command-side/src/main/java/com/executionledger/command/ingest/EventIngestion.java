package com.executionledger.command.ingest;

import com.executionledger.command.execution.EventPointer;
import com.executionledger.command.execution.ExecutionCache;
import com.executionledger.command.execution.LedgerStorageEngine;
import com.executionledger.command.execution.RecordExecutionEvents;
import com.executionledger.command.execution.RecordFirstExecutionEvents;
import com.executionledger.command.execution.RecordingOutcome;
import com.executionledger.events.EnvelopeReader;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.EventHeader;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ReadResult;
import com.executionledger.store.OperatorAct;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one pipeline every transport feeds: validate, record on the execution, dead-letter what
 * is rejected. A batch is one database transaction, or two when another writer holds some of its
 * executions: when this returns, every event in it is appended, recognised as a duplicate, or
 * dead-lettered, durably.
 */
@Service
class EventIngestion {

    private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);
    private static final int MAX_ATTEMPTS = 6;
    /** Batches tried again after a transient failure, by its cause: how often writers meet. */
    static final String RETRIES_METRIC = "ledger.ingest.retries";
    /** Executions held in memory that another instance had appended to: read again before use. */
    static final String CHANGED_ELSEWHERE_METRIC = "ledger.ingest.changed-elsewhere";
    /** Executions another writer held when a batch came: taken in a second transaction, once it was done. */
    static final String TAKEN_AFTER_OTHERS_METRIC = "ledger.ingest.taken-after-others";

    private final EnvelopeReader reader;
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final CommandGateway commands;
    private final DeadLetters deadLetters;
    private final DuplicateDeliveries duplicates;
    private final TransactionTemplate transaction;
    private final DatabaseHealth health;
    private final ExecutionCache cache;
    private final LedgerIndex ledgerIndex;
    private final LedgerStorageEngine storage;
    private final EventIds eventIds;
    private final Clock clock;
    private final MeterRegistry meters;

    EventIngestion(CommandGateway commands, DeadLetters deadLetters, DuplicateDeliveries duplicates,
                   TransactionTemplate transaction, DatabaseHealth health, ExecutionCache cache,
                   LedgerIndex ledgerIndex, LedgerStorageEngine storage, EventIds eventIds, Clock clock,
                   MeterRegistry meters) {
        this.storage = storage;
        this.eventIds = eventIds;
        this.clock = clock;
        this.reader = new EnvelopeReader(clock);
        this.meters = meters;
        this.cache = cache;
        this.ledgerIndex = ledgerIndex;
        this.commands = commands;
        this.deadLetters = deadLetters;
        this.duplicates = duplicates;
        this.transaction = transaction;
        this.health = health;
    }

    /**
     * Ingests a batch in one transaction. A failure that may pass (a conflict with another
     * writer, the database away) is retried a few times and then thrown as {@link
     * TransientFailures.NotRecordedYet}: the caller delivers again later, nothing is dead-lettered.
     * When the batch fails for any other reason, its events are taken one by one, and the one that
     * fails alone is dead-lettered: a poison event never holds up the others.
     */
    List<IngestResult> ingest(List<IncomingEvent> batch) {
        return ingest(batch, false);
    }

    /** As above; {@code withPositions}: each appended event's result says its ledger position (one query more). */
    List<IngestResult> ingest(List<IncomingEvent> batch, boolean withPositions) {
        List<ReadResult> reads = batch.stream()
                .map(incoming -> incoming.refusal() != null ? incoming.refusal() : reader.read(incoming.payload())).toList();
        try {
            return inRounds(batch, reads, withPositions);
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e) || !health.databaseAnswers()) {
                throw e instanceof TransientFailures.NotRecordedYet ? e : new TransientFailures.NotRecordedYet(e);
            }
            if (batch.size() == 1) {
                log.error("Event from {} cannot be recorded; dead-lettering it", batch.get(0).source(), e);
                String reason = "internal error while recording the event (" + e.getClass().getSimpleName() + ")";
                IngestResult rejected = transaction.execute(status -> reject(batch.get(0), eventIdOf(reads.get(0)),
                        executionIdOf(reads.get(0)), reason, clock.instant(), null));
                return List.of(rejected);
            }
            log.warn("A batch of {} events failed ({}); taking them one at a time", batch.size(), e.toString());
            List<IngestResult> results = new ArrayList<>(batch.size());
            for (IncomingEvent incoming : batch) {
                results.add(ingest(List.of(incoming), withPositions).get(0));
            }
            return results;
        }
    }

    /**
     * The batch in at most two transactions. The first takes the executions no other writer holds,
     * without waiting; the second waits for the others' writers to finish and takes the rest. So
     * concurrent batches that share a few executions wait only for those, not for each other
     * whole (with eight webhook senders, waiting for whole batches was two thirds of their time).
     */
    private List<IngestResult> inRounds(List<IncomingEvent> batch, List<ReadResult> reads, boolean withPositions) {
        IngestResult[] results = new IngestResult[batch.size()];
        Map<String, String> firstExecutions = firstExecutionOfEachEventId(reads);
        List<Integer> pending = IntStream.range(0, batch.size()).boxed().toList();
        for (boolean waiting = false; !pending.isEmpty(); waiting = true) {
            Round round = new Round(batch, reads, pending, waiting, firstExecutions, results, withPositions);
            pending = retryingConflicts(round);
        }
        return Arrays.asList(results);
    }

    /** For each eventId, the execution it is first given for in the batch: a later event giving it for another is refused. */
    private static Map<String, String> firstExecutionOfEachEventId(List<ReadResult> reads) {
        Map<String, String> first = new HashMap<>();
        for (ReadResult read : reads) {
            if (read instanceof ReadResult.Accepted accepted) {
                first.putIfAbsent(accepted.event().header().eventId(), accepted.event().header().executionId());
            }
        }
        return first;
    }

    /** One transaction's share of a batch: the events at {@code positions}; results go into {@code results}. */
    private record Round(List<IncomingEvent> batch, List<ReadResult> reads, List<Integer> positions, boolean waiting,
                         Map<String, String> firstExecutions, IngestResult[] results, boolean withPositions) {
    }

    /** Takes a round, retrying what may pass; answers the positions left for the next round. */
    private List<Integer> retryingConflicts(Round round) {
        Set<String> claimedElsewhere = new HashSet<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return inOneTransaction(round, claimedElsewhere);
            } catch (EventIdsTaken taken) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new TransientFailures.NotRecordedYet(taken);
                }
                claimedElsewhere.addAll(taken.eventIds); // tried again, these are looked up first and rejected
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !TransientFailures.isTransient(e)) {
                    throw e;
                }
                log.debug("Transient failure on attempt {} ({}); retrying the batch", attempt, e.toString());
                meters.counter(RETRIES_METRIC, "cause", TransientFailures.causeName(e)).increment();
                pauseBeforeAttempt(attempt);
            }
        }
    }

    /** A short random pause, growing with the attempts, so that writers that met do not meet again at once. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailures.NotRecordedYet(e);
        }
    }

    private List<Integer> inOneTransaction(Round round, Set<String> claimedElsewhere) {
        return transaction.execute(status -> {
            cache.evictAllIfRolledBack();
            Map<String, EventPointer> holders = claimedElsewhere.isEmpty() ? Map.of() : eventIds.holders(claimedElsewhere);
            // a rejected event's execution is held too, to know where its ledger stood when it came
            Set<String> executionIds = round.positions().stream()
                    .map(i -> executionIdOf(round.reads().get(i)))
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            LedgerIndex.LockedExecutions held = round.waiting() ? ledgerIndex.lockAndReadHeads(executionIds)
                    : ledgerIndex.lockFreeAndReadHeads(executionIds);
            Map<String, Long> heads = held.heads();
            List<Integer> now = new ArrayList<>();
            List<Integer> later = new ArrayList<>();
            for (int i : round.positions()) {
                String executionId = executionIdOf(round.reads().get(i));
                (executionId == null || held.executionIds().contains(executionId) ? now : later).add(i);
            }
            if (!later.isEmpty()) {
                meters.counter(TAKEN_AFTER_OTHERS_METRIC).increment(executionIds.size() - held.executionIds().size());
            }
            int changedElsewhere = cache.forgetChangedElsewhere(heads, held.executionIds());
            if (changedElsewhere > 0) {
                meters.counter(CHANGED_ELSEWHERE_METRIC).increment(changedElsewhere);
            }
            storage.readAhead(cache.notHeld(heads.keySet()));
            // one unit of work around the batch: the commands' events are appended together,
            // in one statement batch, when it commits (Axon defers nested units' events to the root)
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                Map<Integer, EventPointer> appended = ingestAll(round, now, heads, holders);
                unitOfWork.commit();
                if (round.withPositions()) {
                    Map<EventPointer, Long> positions = ledgerIndex.positionsOf(appended.values());
                    appended.forEach((i, event) -> {
                        Long position = positions.get(event);
                        if (position != null) {
                            round.results()[i] = round.results()[i].at(position);
                        }
                    });
                }
                return later;
            } catch (RuntimeException e) {
                if (unitOfWork.isActive()) {
                    unitOfWork.rollback(e);
                }
                throw e;
            }
        });
    }

    private static String eventIdOf(ReadResult read) {
        return read instanceof ReadResult.Accepted accepted ? accepted.event().header().eventId()
                : ((ReadResult.Invalid) read).eventId();
    }

    private static String executionIdOf(ReadResult read) {
        return read instanceof ReadResult.Accepted accepted ? accepted.event().header().executionId()
                : ((ReadResult.Invalid) read).executionId();
    }

    /**
     * The batch's events, each execution's in one command (in their order in the batch), so that
     * a poll costs one dispatch per execution rather than one per event, in the order of their ids.
     * {@code heads} are where the ledgers of the executions it holds stand; {@code holders} where the
     * events are that hold ids another execution claimed (rule 6). The results are in the batch's
     * order. Duplicates and rejections are recorded with the instant and the place in its ledger at
     * which their execution took them, so its history lists them among its appended events as they
     * arrived. The ids of appended events are claimed before anything is appended: one claimed by
     * another execution meanwhile throws {@link EventIdsTaken}, and the batch is tried again.
     */
    private Map<Integer, EventPointer> ingestAll(Round round, List<Integer> positions, Map<String, Long> heads,
                                                 Map<String, EventPointer> holders) {
        List<IncomingEvent> batch = round.batch();
        List<ReadResult> reads = round.reads();
        IngestResult[] results = round.results();
        List<DuplicateDeliveries.Redelivery> redeliveries = new ArrayList<>();
        Map<String, List<Integer>> positionsByExecution = new TreeMap<>();
        List<Integer> invalid = new ArrayList<>();
        for (int i : positions) {
            if (reads.get(i) instanceof ReadResult.Invalid) {
                invalid.add(i); // dead-lettered once the batch's valid events are taken: see below
                continue;
            }
            EventHeader header = ((ReadResult.Accepted) reads.get(i)).event().header();
            EventPointer holder = holders.get(header.eventId());
            String firstExecution = round.firstExecutions().get(header.eventId());
            if (holder != null && !holder.executionId().equals(header.executionId())) {
                results[i] = reject(batch.get(i), header.eventId(), header.executionId(), "eventId '" + header.eventId()
                        + "' is already in the ledger for " + holder, clock.instant(), null, holder);
            } else if (firstExecution != null && !firstExecution.equals(header.executionId())) {
                EventPointer first = new EventPointer(firstExecution, null);
                results[i] = reject(batch.get(i), header.eventId(), header.executionId(), "eventId '" + header.eventId()
                        + "' is given for " + first + " earlier in this delivery", clock.instant(), null, first);
            } else {
                positionsByExecution.computeIfAbsent(header.executionId(), id -> new ArrayList<>()).add(i);
            }
        }
        List<EventIds.Claim> claims = new ArrayList<>();
        Map<Integer, EventPointer> appended = new HashMap<>();
        Map<String, Long> newHeads = new HashMap<>();
        Map<Integer, Long> standsAfter = new HashMap<>();
        positionsByExecution.forEach((executionId, ofExecution) -> {
            List<ExecutionEvent> events = ofExecution.stream()
                    .map(i -> ((ReadResult.Accepted) reads.get(i)).event()).toList();
            Map<String, OperatorAct> acts = new HashMap<>();
            ofExecution.stream().filter(i -> batch.get(i).operatorAct() != null).forEach(i -> acts.put(
                    ((ReadResult.Accepted) reads.get(i)).event().header().eventId(), batch.get(i).operatorAct()));
            Long head = heads.get(executionId);
            List<RecordingOutcome> outcomes = head != null
                    ? commands.sendAndWait(new RecordExecutionEvents(executionId, events, head, acts))
                    : commands.sendAndWait(new RecordFirstExecutionEvents(executionId, events, acts));
            long newHead = head == null ? -1 : head;
            for (int k = 0; k < ofExecution.size(); k++) {
                int i = ofExecution.get(k);
                results[i] = resultOf(batch.get(i), events.get(k), outcomes.get(k), redeliveries);
                if (outcomes.get(k).result() == RecordingOutcome.Result.APPENDED) {
                    claims.add(new EventIds.Claim(events.get(k).header().eventId(), executionId,
                            outcomes.get(k).afterSequence() + 1));
                    appended.put(i, new EventPointer(executionId, outcomes.get(k).afterSequence() + 1));
                    newHead += 1 + outcomes.get(k).laterRejections().size();
                }
                standsAfter.put(i, newHead);
            }
            newHeads.put(executionId, newHead);
        });
        for (int i : invalid) {
            ReadResult.Invalid read = (ReadResult.Invalid) reads.get(i);
            results[i] = reject(batch.get(i), read.eventId(), read.executionId(), read.reason(), clock.instant(),
                    whereTheLedgerStood(read.executionId(), i, positionsByExecution, standsAfter, heads));
        }
        cache.heldAtAfterCommit(newHeads);
        Set<String> taken = eventIds.claim(claims);
        if (!taken.isEmpty()) {
            throw new EventIdsTaken(taken);
        }
        duplicates.noteAll(redeliveries);
        return appended;
    }

    /**
     * Where an execution's ledger stood when the delivery reached position {@code position}: after
     * the batch's last earlier event of that execution, or where it stood before the batch; null
     * when unknown (no execution id, or an execution this transaction does not hold). So a rejected
     * event is shown in the execution's history where it arrived among the events of its delivery.
     */
    private static Long whereTheLedgerStood(String executionId, int position, Map<String, List<Integer>> positionsByExecution,
                                            Map<Integer, Long> standsAfter, Map<String, Long> heads) {
        if (executionId == null) {
            return null;
        }
        Long stood = heads.get(executionId);
        for (int earlier : positionsByExecution.getOrDefault(executionId, List.of())) {
            if (earlier < position) {
                stood = standsAfter.get(earlier);
            }
        }
        return stood != null && stood >= 0 ? stood : null;
    }

    /** Appended events whose ids another execution claimed first; the batch rolls back before appending them. */
    private static final class EventIdsTaken extends RuntimeException {
        private final Set<String> eventIds;

        EventIdsTaken(Set<String> eventIds) {
            super("eventIds claimed by other executions: " + eventIds, null, false, false);
            this.eventIds = eventIds;
        }
    }

    /** The event's result; a redelivery is added to {@code redeliveries}, to be noted with the batch's others. */
    private IngestResult resultOf(IncomingEvent incoming, ExecutionEvent event, RecordingOutcome outcome,
                                  List<DuplicateDeliveries.Redelivery> redeliveries) {
        String eventId = event.header().eventId();
        String executionId = event.header().executionId();
        for (RecordingOutcome.LaterRejection later : outcome.laterRejections()) {
            IncomingEvent earlier = new IncomingEvent(writer.write(later.event()), DeadLetters.REJECTED_ON_CREATION,
                    "rejected-on-creation/" + executionId + "/" + later.event().header().eventId());
            reject(earlier, later.event().header().eventId(), executionId, later.reason(), outcome.takenAt(),
                    outcome.afterSequence());
        }
        return switch (outcome.result()) {
            case APPENDED -> new IngestResult(eventId, executionId, IngestResult.Outcome.APPENDED, null);
            case DUPLICATE -> {
                redeliveries.add(new DuplicateDeliveries.Redelivery(incoming, executionId, eventId, outcome.takenAt(),
                        outcome.afterSequence()));
                yield new IngestResult(eventId, executionId, IngestResult.Outcome.DUPLICATE, null);
            }
            case REJECTED -> reject(incoming, eventId, executionId, outcome.reason(), outcome.takenAt(),
                    outcome.afterSequence(), outcome.original());
        };
    }

    private IngestResult reject(IncomingEvent incoming, String eventId, String executionId, String reason,
                                Instant receivedAt, Long afterSequence) {
        return reject(incoming, eventId, executionId, reason, receivedAt, afterSequence, null);
    }

    private IngestResult reject(IncomingEvent incoming, String eventId, String executionId, String reason,
                                Instant receivedAt, Long afterSequence, EventPointer original) {
        log.warn("Rejected event {} of execution {} from {}: {}", eventId, executionId, incoming.source(), reason);
        deadLetters.keep(incoming, eventId, executionId, reason, receivedAt, afterSequence, original);
        return new IngestResult(eventId, executionId, IngestResult.Outcome.REJECTED, reason);
    }
}
