package com.executionledger.command.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A delivery that could not be made durable (the database away, say) is answered 503 so that the
 * sender retries: nothing was committed, and a retry is recognised as duplicates where it was.
 */
@RestControllerAdvice
class IngestErrors {

    private static final Logger log = LoggerFactory.getLogger(IngestErrors.class);

    /** Spring's own refusals (unknown path, wrong method or media type) keep their status. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ApiAnswer<Void>> refused(ErrorResponseException e, HttpServletRequest request) {
        return refusal(e.getStatusCode().value(), request);
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ApiAnswer<Void>> refused(Exception e, HttpServletRequest request) {
        return refusal(((ErrorResponse) e).getStatusCode().value(), request);
    }

    /** A body that cannot be read as the endpoint's type. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiAnswer<Void>> unreadableBody(HttpServletRequest request) {
        return ResponseEntity.badRequest().body(new ApiAnswer<>(400, null, "the request body cannot be read",
                AnswerHeaders.requestId(request)));
    }

    static ResponseEntity<ApiAnswer<Void>> refusal(int status, HttpServletRequest request) {
        HttpStatus known = HttpStatus.resolve(status);
        String message = known == null ? "refused" : known.getReasonPhrase();
        return ResponseEntity.status(status).body(new ApiAnswer<>(status, null, message, AnswerHeaders.requestId(request)));
    }

    /** A request parameter or path segment of the wrong type, or one missing: the caller's mistake, named. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiAnswer<Void>> badParameter(Exception e, HttpServletRequest request) {
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getName() + "' must be " + article(mismatch.getRequiredType())
                : ((MissingServletRequestParameterException) e).getParameterName() + " is required";
        return ResponseEntity.badRequest().body(new ApiAnswer<>(400, null, message, AnswerHeaders.requestId(request)));
    }

    private static String article(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        return type == boolean.class || type == Boolean.class ? "true or false" : "a number";
    }

    /** A conflict or the database away: nothing was committed, the same delivery may be sent again. */
    @ExceptionHandler(TransientFailures.NotRecordedYet.class)
    ResponseEntity<ApiAnswer<Void>> notRecordedYet(TransientFailures.NotRecordedYet e, HttpServletRequest request) {
        log.warn("HTTP delivery not recorded yet: {}", e.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ApiAnswer<>(503, null, "events not recorded; retry the delivery", AnswerHeaders.requestId(request)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiAnswer<Void>> notRecorded(Exception e, HttpServletRequest request) {
        log.error("HTTP delivery not recorded", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ApiAnswer<>(503, null, "events not recorded; retry the delivery", AnswerHeaders.requestId(request)));
    }
}
