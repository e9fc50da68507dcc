package com.executionledger.web;

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
    ResponseEntity<ApiEnvelope<Void>> error(HttpServletRequest request, HttpServletResponse response) {
        RequestIds.identify(request, response);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String message = status.is5xxServerError() ? "internal error" : status.getReasonPhrase();
        return ApiErrors.answer(status, message, request);
    }
}
