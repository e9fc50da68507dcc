package com.executionledger.web;

/** The envelope of every answer of both services, success or error, as the API promises it. */
public record ApiEnvelope<T>(int code, T data, String message, String requestId) {

    public static <T> ApiEnvelope<T> success(T data, String requestId) {
        return new ApiEnvelope<>(200, data, "success", requestId);
    }

    public static ApiEnvelope<Void> error(int code, String message, String requestId) {
        return new ApiEnvelope<>(code, null, message, requestId);
    }
}
