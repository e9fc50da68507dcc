package com.executionledger.web;

/**
 * The {@code error} of an answer: stable, machine-readable codes that clients branch on. Most
 * follow from the status; a parameter's problems have their own.
 */
public final class ErrorCodes {

    public static final String INVALID_PARAMETER = "invalid_parameter";
    public static final String UNKNOWN_PARAMETER = "unknown_parameter";

    private ErrorCodes() {
    }

    public static String of(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 411 -> "length_required";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "invalid_request";
        };
    }
}
