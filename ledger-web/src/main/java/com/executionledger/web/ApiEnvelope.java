package com.executionledger.query.api;

/** The envelope of every answer, success or error, as the API promises it. */
public record ApiResponse<T>(int code, T data, String message, String requestId) {

    static <T> ApiResponse<T> success(T data, String requestId) {
        return new ApiResponse<>(200, data, "success", requestId);
    }

    static ApiResponse<Void> error(int code, String message, String requestId) {
        return new ApiResponse<>(code, null, message, requestId);
    }
}
