package com.executionledger.command.ingest;

import com.executionledger.command.execution.ExecutionCache;
import com.executionledger.command.execution.RecordExecutionEvents;
import com.executionledger.command.execution.RecordFirstExecutionEvents;
import com.executionledger.command.execution.RecordingOutcome;
import com.executionledger.events.EnvelopeReader;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ReadResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one pipeline every transport feeds: validate, record on the execution, dead-letter what
 * is rejected. A batch is one database transaction: when this returns, every event in it is
 * appended, recognised as a duplicate, or dead-lettered, durably.
 */
@Service
class EventIngestion {

    private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);
    private static final int MAX_ATTEMPTS_ON_CONFLICT = 5;

    private final EnvelopeReader reader = new EnvelopeReader();
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final CommandGateway commands;
    private final DeadLetters deadLetters;
    private final DuplicateDeliveries duplicates;
    private final TransactionTemplate transaction;
    private final DatabaseHealth health;
    private final ExecutionCache cache;
    private final LedgerIndex ledgerIndex;
    private final Clock clock;

    EventIngestion(CommandGateway commands, DeadLetters deadLetters, DuplicateDeliveries duplicates,
                   TransactionTemplate transaction, DatabaseHealth health, ExecutionCache cache,
                   LedgerIndex ledgerIndex, Clock clock) {
        this.clock = clock;
        this.cache = cache;
        this.ledgerIndex = ledgerIndex;
        this.commands = commands;
        this.deadLetters = deadLetters;
        this.duplicates = duplicates;
        this.transaction = transaction;
        this.health = health;
    }

    /**
     * Ingests a batch in one transaction. Two writers racing on one execution (Kafka and HTTP)
     * meet on the event store's unique sequence: the loser retries. When the batch fails for any
     * other reason while the database answers, the events are taken one by one, and the one that
     * fails alone is dead-lettered: a poison event never holds up the others. When the database
     * does not answer, the failure propagates and the caller retries later.
     */
    List<IngestResult> ingest(List<IncomingEvent> batch) {
        try {
            return inOneTransaction(batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1 || !health.databaseAnswers()) {
                throw e;
            }
            log.warn("A batch of {} events failed ({}); taking them one at a time", batch.size(), e.toString());
            List<IngestResult> results = new ArrayList<>(batch.size());
            for (IncomingEvent incoming : batch) {
                results.add(ingestAlone(incoming));
            }
            return results;
        }
    }

    private IngestResult ingestAlone(IncomingEvent incoming) {
        try {
            return inOneTransaction(List.of(incoming)).get(0);
        } catch (RuntimeException e) {
            if (!health.databaseAnswers()) {
                throw e;
            }
            log.error("Event from {} cannot be recorded; dead-lettering it", incoming.source(), e);
            String reason = "internal error while recording the event (" + e.getClass().getSimpleName() + ")";
            return transaction.execute(status -> reject(incoming, null, null, reason, clock.instant(), null));
        }
    }

    private List<IngestResult> inOneTransaction(List<IncomingEvent> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> {
                    cache.evictAllIfRolledBack();
                    // one unit of work around the batch: the commands' events are appended together,
                    // in one statement batch, when it commits (Axon defers nested units' events to the root)
                    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                    try {
                        List<ReadResult> reads = batch.stream().map(incoming -> reader.read(incoming.payload())).toList();
                        Set<String> held = ledgerIndex.held(reads.stream()
                                .filter(ReadResult.Accepted.class::isInstance)
                                .map(read -> ((ReadResult.Accepted) read).event().header().executionId())
                                .collect(Collectors.toSet()));
                        List<IngestResult> results = ingestAll(batch, reads, held);
                        unitOfWork.commit();
                        return results;
                    } catch (RuntimeException e) {
                        if (unitOfWork.isActive()) {
                            unitOfWork.rollback(e);
                        }
                        throw e;
                    }
                });
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS_ON_CONFLICT || !isWriteConflict(e)) {
                    throw e;
                }
                log.debug("Write conflict on attempt {}; retrying the batch", attempt);
            }
        }
    }

    private static boolean isWriteConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The batch's events, each execution's in one command (in their order in the batch), so that
     * a poll costs one dispatch per execution rather than one per event. {@code held} are the
     * executions the ledger holds. The results are in the batch's order. Duplicates and rejections
     * are recorded with the instant and the place in its ledger at which their execution took them,
     * so its history lists them among its appended events as they arrived.
     */
    private List<IngestResult> ingestAll(List<IncomingEvent> batch, List<ReadResult> reads, Set<String> held) {
        IngestResult[] results = new IngestResult[batch.size()];
        List<DuplicateDeliveries.Redelivery> redeliveries = new ArrayList<>();
        Map<String, List<Integer>> positionsByExecution = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (reads.get(i) instanceof ReadResult.Invalid invalid) {
                results[i] = reject(batch.get(i), invalid.eventId(), invalid.executionId(), invalid.reason(),
                        clock.instant(), null);
            } else {
                String executionId = ((ReadResult.Accepted) reads.get(i)).event().header().executionId();
                positionsByExecution.computeIfAbsent(executionId, id -> new ArrayList<>()).add(i);
            }
        }
        positionsByExecution.forEach((executionId, positions) -> {
            List<ExecutionEvent> events = positions.stream()
                    .map(i -> ((ReadResult.Accepted) reads.get(i)).event()).toList();
            List<RecordingOutcome> outcomes = held.contains(executionId)
                    ? commands.sendAndWait(new RecordExecutionEvents(executionId, events))
                    : commands.sendAndWait(new RecordFirstExecutionEvents(executionId, events));
            for (int k = 0; k < positions.size(); k++) {
                int i = positions.get(k);
                results[i] = resultOf(batch.get(i), events.get(k), outcomes.get(k), redeliveries);
            }
        });
        duplicates.noteAll(redeliveries);
        return Arrays.asList(results);
    }

    /** The event's result; a redelivery is added to {@code redeliveries}, to be noted with the batch's others. */
    private IngestResult resultOf(IncomingEvent incoming, ExecutionEvent event, RecordingOutcome outcome,
                                  List<DuplicateDeliveries.Redelivery> redeliveries) {
        String eventId = event.header().eventId();
        String executionId = event.header().executionId();
        for (RecordingOutcome.LaterRejection later : outcome.laterRejections()) {
            IncomingEvent earlier = new IncomingEvent(writer.write(later.event()), "ledger: rejected on creation",
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
                    outcome.afterSequence());
        };
    }

    private IngestResult reject(IncomingEvent incoming, String eventId, String executionId, String reason,
                                Instant receivedAt, Long afterSequence) {
        log.warn("Rejected event {} of execution {} from {}: {}", eventId, executionId, incoming.source(), reason);
        deadLetters.keep(incoming, eventId, executionId, reason, receivedAt, afterSequence);
        return new IngestResult(eventId, executionId, IngestResult.Outcome.REJECTED, reason);
    }
}
