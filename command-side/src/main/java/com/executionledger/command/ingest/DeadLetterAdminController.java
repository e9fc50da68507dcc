package com.executionledger.command.ingest;

import com.executionledger.events.EventJson;
import com.executionledger.store.OperatorAct;
import com.executionledger.web.AdminCredential;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiException;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators list dead letters and re-drive them once the cause is fixed: the original bytes go
 * through the same pipeline again. A re-driven letter is closed; if it is rejected again, the new
 * rejection is a new dead letter with the new reason. Each re-drive is recorded with what it
 * leads to (rule 9): when, by which admin credential, and the original bytes.
 */
@RestController
class DeadLetterAdminController {

    private final DeadLetters deadLetters;
    private final EventIngestion ingestion;
    private final AdminCredential credential;
    private final Clock clock;
    private final IngestMetrics metrics;

    DeadLetterAdminController(DeadLetters deadLetters, EventIngestion ingestion, AdminCredential credential, Clock clock,
                              IngestMetrics metrics) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.ingestion = ingestion;
        this.credential = credential;
        this.clock = clock;
    }

    /** A page of dead letters without their bytes: a page stays small whatever they hold. */
    @KnownParameters({"open", "afterId", "limit"})
    @GetMapping("/admin/dead-letters")
    ApiEnvelope<List<DeadLetters.DeadLetter>> list(@RequestParam(defaultValue = "true") boolean open,
                                                 @RequestParam(defaultValue = "0") long afterId,
                                                 @RequestParam(defaultValue = "100") int limit,
                                                 HttpServletRequest request) {
        int page = Math.max(1, Math.min(limit, 1000));
        return ApiEnvelope.success(deadLetters.list(open, afterId, page), RequestIds.of(request));
    }

    /** One dead letter with its bytes as text, the first MiB of them. */
    @GetMapping("/admin/dead-letters/{id}")
    ApiEnvelope<DeadLetters.DeadLetterWithPayload> one(@PathVariable long id, HttpServletRequest request) {
        return ApiEnvelope.success(deadLetters.one(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "no dead letter " + id)), RequestIds.of(request));
    }

    /**
     * Re-drives the original bytes, or, when the operator sends a body, that corrected envelope
     * in their place (a producer's typo fixed by hand, say). A correction stays in the dead
     * letter's organization: it passes every rule of the contract, tenancy included.
     */
    @PostMapping("/admin/dead-letters/{id}/redrive")
    ApiEnvelope<HttpIngestController.EventAnswer> redrive(@PathVariable long id, @RequestBody(required = false) byte[] corrected,
                                      HttpServletRequest request) {
        byte[] original = deadLetters.openPayload(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "no open dead letter " + id));
        boolean correcting = corrected != null && corrected.length > 0;
        if (correcting) {
            Optional<String> owner = organizationOf(original);
            Optional<String> claimed = organizationOf(corrected);
            if (owner.isPresent() && !Objects.equals(owner, claimed)) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "a corrected body must keep the dead letter's organizationId '"
                        + owner.get() + "'");
            }
        }
        OperatorAct act = new OperatorAct(correcting ? OperatorAct.REDRIVE_CORRECTED : OperatorAct.REDRIVE, id,
                credential.fingerprint(), clock.instant(), Base64.getEncoder().encodeToString(original));
        IncomingEvent again = new IncomingEvent(correcting ? corrected : original,
                "redrive of dead letter " + id + " by " + act.by() + (correcting ? " (corrected)" : ""), null, act);
        IngestResult result = metrics.measured("redrive", "operator", () -> ingestion.ingest(List.of(again), true)).get(0);
        deadLetters.markRedriven(id, act.by());
        return ApiEnvelope.success(HttpIngestController.EventAnswer.of(result), RequestIds.of(request));
    }

    /** The organizationId an envelope names, when it can be read at all. */
    private static Optional<String> organizationOf(byte[] envelope) {
        try {
            JsonNode organization = EventJson.mapper().readTree(envelope).get("organizationId");
            return organization != null && organization.isTextual() ? Optional.of(organization.asText()) : Optional.empty();
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
