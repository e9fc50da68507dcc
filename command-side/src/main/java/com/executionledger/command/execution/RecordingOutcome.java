package com.executionledger.command.execution;

import com.executionledger.events.ExecutionEvent;
import java.util.List;

/**
 * What the execution did with one event. {@code laterRejections} are events appended earlier,
 * before the execution existed, that its {@code execution_created} has just shown to belong to
 * another organization: they are now marked rejected and must be dead-lettered too.
 */
public record RecordingOutcome(Result result, String reason, List<LaterRejection> laterRejections) {

    public enum Result { APPENDED, DUPLICATE, REJECTED }

    public record LaterRejection(ExecutionEvent event, String reason) {
    }

    static RecordingOutcome appended(List<LaterRejection> laterRejections) {
        return new RecordingOutcome(Result.APPENDED, null, List.copyOf(laterRejections));
    }

    static RecordingOutcome duplicate() {
        return new RecordingOutcome(Result.DUPLICATE, null, List.of());
    }

    static RecordingOutcome rejected(String reason) {
        return new RecordingOutcome(Result.REJECTED, reason, List.of());
    }
}
