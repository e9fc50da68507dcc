package com.executionledger.query.readmodel;

import com.executionledger.lifecycle.ExecutionState;
import java.time.Instant;

/** A row's place in an organization's list, which is ordered by creation time, newest first, ties by id. */
public record ListPosition(Instant createdAt, String id) {

    public static ListPosition of(ExecutionState execution) {
        return new ListPosition(execution.createdAt(), execution.id());
    }
}
