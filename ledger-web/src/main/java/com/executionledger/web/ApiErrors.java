package com.executionledger.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of both services in the envelope, with a message for the caller and nothing of our
 * insides. One rule for statuses: the caller's mistake is a 4xx that names it; the database away
 * is a 503 with {@code Retry-After} (nothing was done, the same request may be sent again); anything
 * else is a 500, logged with the request's id. A service's own advice, ordered before this one,
 * may answer its own failures first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiEnvelope<Void>> apiException(ApiException e, HttpServletRequest request) {
        return answer(e.status(), e.error(), e.param(), e.getMessage(), request, e.retryAfterSeconds());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiEnvelope<Void>> notFound(HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, "no such path: " + request.getRequestURI(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiEnvelope<Void>> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here", request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiEnvelope<Void>> unreadableBody(HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "the request body is not the JSON this endpoint takes", request);
    }

    /** A parameter or path segment of the wrong type, or one missing: the caller's mistake, named. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiEnvelope<Void>> badParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + name + "' must be " + expected(mismatch.getRequiredType())
                : name + " is required";
        return answer(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER, name, message, request, 0);
    }

    private static String expected(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return type == null || Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number" : "of another form";
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiEnvelope<Void>> unsupportedMediaType(HttpServletRequest request) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", request);
    }

    /** Spring's other refusals (a header missing, say) keep their status. */
    @ExceptionHandler({ErrorResponseException.class, ServletRequestBindingException.class})
    ResponseEntity<ApiEnvelope<Void>> refused(Exception e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.resolve(((ErrorResponse) e).getStatusCode().value());
        return status == null || status.is5xxServerError() ? unexpected(e, request)
                : answer(status, status.getReasonPhrase().toLowerCase(Locale.ROOT), request);
    }

    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ApiEnvelope<Void>> databaseAway(Exception e, HttpServletRequest request) {
        log.warn("Request {} {} answered 503: {}", request.getMethod(), request.getRequestURI(), e.toString());
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "the ledger's database is not answering; retry", request, 1);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiEnvelope<Void>> unexpected(Exception e, HttpServletRequest request) {
        log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; quote the requestId when reporting it", request);
    }

    public static ResponseEntity<ApiEnvelope<Void>> answer(HttpStatus status, String message, HttpServletRequest request) {
        return answer(status, message, request, 0);
    }

    /**
     * Always JSON, whatever the request accepts; a 401 says which scheme to use (RFC 9110); a 429
     * or 503 says when to retry, if {@code retryAfterSeconds} is not 0.
     */
    public static ResponseEntity<ApiEnvelope<Void>> answer(HttpStatus status, String message, HttpServletRequest request,
                                                           long retryAfterSeconds) {
        return answer(status, ErrorCodes.of(status.value()), null, message, request, retryAfterSeconds);
    }

    /** As above, with the answer's {@code error} code and the parameter at fault (null when none is). */
    public static ResponseEntity<ApiEnvelope<Void>> answer(HttpStatus status, String error, String param, String message,
                                                           HttpServletRequest request, long retryAfterSeconds) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"execution-ledger\"");
        }
        if (retryAfterSeconds > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return answer.body(ApiEnvelope.error(status.value(), error, param, message, RequestIds.of(request)));
    }
}
