package com.executionledger.web;

import org.springframework.http.HttpStatus;

/** A request the API answers with an error status and a message meant for the caller. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final long retryAfterSeconds;
    private final String error;
    private final String param;

    public ApiException(HttpStatus status, String message) {
        this(status, message, 0);
    }

    /** An answer the caller may try again after {@code retryAfterSeconds} (429, 503). */
    public ApiException(HttpStatus status, String message, long retryAfterSeconds) {
        this(status, ErrorCodes.of(status.value()), null, message, retryAfterSeconds);
    }

    private ApiException(HttpStatus status, String error, String param, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 400 for a query parameter the endpoint takes, given in a form or range it does not. */
    public static ApiException invalidParameter(String param, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER, param, message, 0);
    }

    /** A 400 for a query parameter the endpoint does not take. */
    public static ApiException unknownParameter(String param, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.UNKNOWN_PARAMETER, param, message, 0);
    }

    /** Another status with its own code and, where one is at fault, its parameter. */
    public static ApiException of(HttpStatus status, String error, String param, String message, long retryAfterSeconds) {
        return new ApiException(status, error, param, message, retryAfterSeconds);
    }

    public HttpStatus status() {
        return status;
    }

    /** 0 when the answer says nothing of retrying. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String error() {
        return error;
    }

    /** The parameter at fault; null when none is. */
    public String param() {
        return param;
    }
}
