package com.executionledger.command.ingest;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators list dead letters and re-drive them once the cause is fixed: the original bytes go
 * through the same pipeline again. A re-driven letter is closed; if it is rejected again, the new
 * rejection is a new dead letter with the new reason.
 */
@RestController
class DeadLetterAdminController {

    private final DeadLetters deadLetters;
    private final EventIngestion ingestion;

    DeadLetterAdminController(DeadLetters deadLetters, EventIngestion ingestion) {
        this.deadLetters = deadLetters;
        this.ingestion = ingestion;
    }

    @GetMapping("/admin/dead-letters")
    ApiAnswer<List<DeadLetters.DeadLetter>> list(@RequestParam(defaultValue = "true") boolean open,
                                                 @RequestParam(defaultValue = "0") long afterId,
                                                 @RequestParam(defaultValue = "100") int limit) {
        int page = Math.max(1, Math.min(limit, 1000));
        return new ApiAnswer<>(200, deadLetters.list(open, afterId, page), "success", UUID.randomUUID().toString());
    }

    /**
     * Re-drives the original bytes, or, when the operator sends a body, that corrected envelope
     * in their place (a producer's typo fixed by hand, say).
     */
    @PostMapping("/admin/dead-letters/{id}/redrive")
    ResponseEntity<ApiAnswer<IngestResult>> redrive(@PathVariable long id,
                                                    @RequestBody(required = false) byte[] corrected) {
        byte[] original = deadLetters.openPayload(id).orElse(null);
        if (original == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(
                    new ApiAnswer<>(404, null, "no open dead letter " + id, UUID.randomUUID().toString()));
        }
        boolean correcting = corrected != null && corrected.length > 0;
        IncomingEvent again = new IncomingEvent(correcting ? corrected : original,
                "redrive of dead letter " + id + (correcting ? " (corrected by an operator)" : ""), null);
        IngestResult result = ingestion.ingest(List.of(again)).get(0);
        deadLetters.markRedriven(id);
        return ResponseEntity.ok(new ApiAnswer<>(200, result, "success", UUID.randomUUID().toString()));
    }
}
