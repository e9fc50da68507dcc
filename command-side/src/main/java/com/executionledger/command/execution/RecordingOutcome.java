package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import java.time.Instant;
import java.util.List;

/**
 * What the execution did with one event, when it took it, and where in its ledger: {@code
 * afterSequence} is the sequence number of the execution's last ledger event at that moment (-1
 * before the first), which places a duplicate or a rejection exactly among the appended events in
 * the execution's history. {@code laterRejections} are events appended earlier, before the
 * execution existed, that its {@code execution_created} has just shown to belong to another
 * organization: they are now marked rejected and must be dead-lettered too. {@code original} points
 * to the event already in the ledger that a rejected one conflicts with (rule 6), null otherwise.
 */
public record RecordingOutcome(Result result, String reason, List<LaterRejection> laterRejections, Instant takenAt,
                               long afterSequence, EventPointer original) {

    public RecordingOutcome(Result result, String reason, List<LaterRejection> laterRejections, Instant takenAt,
                            long afterSequence) {
        this(result, reason, laterRejections, takenAt, afterSequence, null);
    }

    public enum Result { APPENDED, DUPLICATE, REJECTED }

    public record LaterRejection(ExecutionEvent event, String reason) {
    }

    static RecordingOutcome appended(List<LaterRejection> laterRejections, Instant takenAt, long afterSequence) {
        return new RecordingOutcome(Result.APPENDED, null, List.copyOf(laterRejections), takenAt, afterSequence);
    }

    static RecordingOutcome duplicate(Instant takenAt, long afterSequence) {
        return new RecordingOutcome(Result.DUPLICATE, null, List.of(), takenAt, afterSequence);
    }

    static RecordingOutcome rejected(String reason, Instant takenAt, long afterSequence) {
        return new RecordingOutcome(Result.REJECTED, reason, List.of(), takenAt, afterSequence);
    }

    static RecordingOutcome conflicting(String reason, Instant takenAt, long afterSequence, EventPointer original) {
        return new RecordingOutcome(Result.REJECTED, reason, List.of(), takenAt, afterSequence, original);
    }
}
