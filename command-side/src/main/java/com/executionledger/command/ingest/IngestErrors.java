package com.executionledger.command.ingest;

import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A delivery that could not be made durable (a conflict that kept recurring, the database away) is
 * answered 503 so that the sender retries: what was committed of it is recognised as duplicates
 * then. Every other error is answered as on every endpoint ({@link ApiErrors}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestErrors {

    private static final Logger log = LoggerFactory.getLogger(IngestErrors.class);

    @ExceptionHandler(TransientFailures.NotRecordedYet.class)
    ResponseEntity<ApiEnvelope<Void>> notRecordedYet(TransientFailures.NotRecordedYet e, HttpServletRequest request) {
        log.warn("HTTP delivery not recorded yet: {}", e.getCause().toString());
        return ApiErrors.answer(HttpStatus.SERVICE_UNAVAILABLE, "events not recorded; retry the delivery", request, 1);
    }
}
