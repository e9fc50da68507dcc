package com.executionledger.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The envelope of every answer of both services, success or error, as the API promises it. An
 * error also says what kind it is, {@code error}, a stable code for programs (the message is for
 * people), and {@code param}, the parameter at fault where there is one; a success has neither.
 */
public record ApiEnvelope<T>(int code, T data, String message, String requestId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String param) {

    public ApiEnvelope(int code, T data, String message, String requestId) {
        this(code, data, message, requestId, null, null);
    }

    public static <T> ApiEnvelope<T> success(T data, String requestId) {
        return new ApiEnvelope<>(200, data, "success", requestId);
    }

    public static ApiEnvelope<Void> error(int code, String message, String requestId) {
        return new ApiEnvelope<>(code, null, message, requestId, ErrorCodes.of(code), null);
    }

    public static ApiEnvelope<Void> error(int code, String error, String param, String message, String requestId) {
        return new ApiEnvelope<>(code, null, message, requestId, error, param);
    }
}
