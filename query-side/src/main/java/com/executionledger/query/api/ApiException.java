package com.executionledger.query.api;

import org.springframework.http.HttpStatus;

/** A request the API answers with an error status and a message meant for the caller. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
