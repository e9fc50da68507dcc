package com.executionledger.events;

/**
 * Why a workflow failed, as version 2 of {@code workflow_failed} says it: a stable code for
 * machines, a message for people, and whether trying again may help (null: not said).
 */
public record WorkflowError(String code, String message, Boolean retryable) {

    /** The code of a failure that version 1 described in words only. */
    public static final String UNSPECIFIED = "unspecified";
}
