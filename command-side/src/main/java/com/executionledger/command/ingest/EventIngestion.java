package com.executionledger.command.ingest;

import com.executionledger.command.execution.RecordExecutionEvent;
import com.executionledger.command.execution.RecordingOutcome;
import com.executionledger.events.EnvelopeReader;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ReadResult;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

    private final EnvelopeReader reader = new EnvelopeReader();
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final CommandGateway commands;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transaction;

    EventIngestion(CommandGateway commands, DeadLetters deadLetters, TransactionTemplate transaction) {
        this.commands = commands;
        this.deadLetters = deadLetters;
        this.transaction = transaction;
    }

    List<IngestResult> ingest(List<IncomingEvent> batch) {
        return transaction.execute(status -> {
            List<IngestResult> results = new ArrayList<>(batch.size());
            for (IncomingEvent incoming : batch) {
                results.add(ingestOne(incoming));
            }
            return results;
        });
    }

    private IngestResult ingestOne(IncomingEvent incoming) {
        ReadResult read = reader.read(incoming.payload());
        if (read instanceof ReadResult.Invalid invalid) {
            return reject(incoming, invalid.eventId(), invalid.executionId(), invalid.reason());
        }
        ExecutionEvent event = ((ReadResult.Accepted) read).event();
        String eventId = event.header().eventId();
        String executionId = event.header().executionId();
        RecordingOutcome outcome = commands.sendAndWait(new RecordExecutionEvent(event));
        for (RecordingOutcome.LaterRejection later : outcome.laterRejections()) {
            IncomingEvent earlier = new IncomingEvent(writer.write(later.event()), "ledger: rejected on creation",
                    "rejected-on-creation/" + executionId + "/" + later.event().header().eventId());
            reject(earlier, later.event().header().eventId(), executionId, later.reason());
        }
        return switch (outcome.result()) {
            case APPENDED -> new IngestResult(eventId, executionId, IngestResult.Outcome.APPENDED, null);
            case DUPLICATE -> new IngestResult(eventId, executionId, IngestResult.Outcome.DUPLICATE, null);
            case REJECTED -> reject(incoming, eventId, executionId, outcome.reason());
        };
    }

    private IngestResult reject(IncomingEvent incoming, String eventId, String executionId, String reason) {
        log.warn("Rejected event {} of execution {} from {}: {}", eventId, executionId, incoming.source(), reason);
        deadLetters.keep(incoming, eventId, executionId, reason);
        return new IngestResult(eventId, executionId, IngestResult.Outcome.REJECTED, reason);
    }
}
