package com.executionledger.command.ingest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside our handlers (by the container, say) still answer in the envelope. */
@RestController
class EnvelopeErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiAnswer<Void>> error(HttpServletRequest request, HttpServletResponse response) {
        AnswerHeaders.identify(request, response);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            return ResponseEntity.status(status).body(new ApiAnswer<>(status.value(), null, "internal error",
                    AnswerHeaders.requestId(request)));
        }
        return IngestErrors.refusal(status.value(), request);
    }
}
