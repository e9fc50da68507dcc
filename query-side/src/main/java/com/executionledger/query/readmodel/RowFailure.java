package com.executionledger.query.readmodel;

/** A row the database would not take, and its reason in the database's words. */
public record RowFailure(String executionId, String organizationId, String reason) {
}
