package com.executionledger.query.api;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error in the envelope, with a message for the caller and nothing of our insides. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<Void>> apiException(ApiException e, HttpServletRequest request) {
        ResponseEntity<ApiResponse<Void>> answer = answer(e.status(), e.getMessage(), request);
        return e.retryAfterSeconds() == 0 ? answer : ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders()).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .body(answer.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiResponse<Void>> notFound(HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, "no such path: " + request.getRequestURI(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here", request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadableBody(HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "the request body is not the JSON this endpoint takes", request);
    }

    /** A parameter or path segment of the wrong type, or one missing: the caller's mistake, named. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiResponse<Void>> badParameter(Exception e, HttpServletRequest request) {
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getName() + "' must be " + (mismatch.getRequiredType() == null
                        || Number.class.isAssignableFrom(mismatch.getRequiredType()) || mismatch.getRequiredType().isPrimitive()
                        ? "a number" : "of another form")
                : ((MissingServletRequestParameterException) e).getParameterName() + " is required";
        return answer(HttpStatus.BAD_REQUEST, message, request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> unsupportedMediaType(HttpServletRequest request) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e, HttpServletRequest request) {
        log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; quote the requestId when reporting it", request);
    }

    /** Always JSON, whatever the request accepts; a 401 says which scheme to use (RFC 9110). */
    static ResponseEntity<ApiResponse<Void>> answer(HttpStatus status, String message, HttpServletRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"execution-ledger\"");
        }
        return answer.body(ApiResponse.error(status.value(), message, RequestIds.of(request)));
    }
}
