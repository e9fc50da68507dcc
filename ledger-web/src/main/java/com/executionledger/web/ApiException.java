package com.executionledger.web;

import org.springframework.http.HttpStatus;

/** A request the API answers with an error status and a message meant for the caller. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final long retryAfterSeconds;

    public ApiException(HttpStatus status, String message) {
        this(status, message, 0);
    }

    /** An answer the caller may try again after {@code retryAfterSeconds} (429, 503). */
    public ApiException(HttpStatus status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    /** 0 when the answer says nothing of retrying. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
