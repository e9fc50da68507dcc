package com.executionledger.query.audit;

import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiException;
import com.executionledger.web.JsonBodies;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's digest, for auditors to keep, and its verification. With {@code chains=true} the
 * digest lists every execution's chain (its length, head and the positions of its events), so
 * that a verification against it says where the ledger differs; both are streamed, in constant
 * memory whatever the ledger's size.
 */
@RestController
class LedgerDigestController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerVerifier verifier;

    LedgerDigestController(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    @KnownParameters({"chains"})
    @GetMapping("/admin/ledger/digest")
    void digest(@RequestParam(defaultValue = "false") boolean chains, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        if (!chains) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            JSON.writeValue(response.getOutputStream(), ApiEnvelope.success(verifier.digest(), RequestIds.of(request)));
            return;
        }
        long position = verifier.headPosition();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (JsonGenerator json = JSON.getFactory().createGenerator(response.getOutputStream())) {
            json.writeStartObject();
            json.writeNumberField("code", 200);
            json.writeStringField("message", "success");
            json.writeStringField("requestId", RequestIds.of(request));
            json.writeObjectFieldStart("data");
            json.writeNumberField("position", position);
            json.writeArrayFieldStart("chains");
            LedgerVerifier.Digest digest = verifier.digest(position, chain -> write(json, chain));
            json.writeEndArray();
            json.writeNumberField("executions", digest.executions());
            json.writeNumberField("events", digest.events());
            json.writeStringField("digest", digest.digest());
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void write(JsonGenerator json, LedgerVerifier.Chain chain) {
        try {
            JSON.writeValue(json, chain);
        } catch (IOException e) {
            throw new IllegalStateException("the client went away while the digest was written", e);
        }
    }

    /** Against {@code {"digest", "position"}}, or a digest kept with its chains, which locates every difference. */
    @PostMapping("/admin/ledger/verify")
    ApiEnvelope<LedgerVerifier.Verification> verify(HttpServletRequest request) throws IOException {
        if (!JsonBodies.isJson(request.getContentType())) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the kept digest as application/json");
        }
        KeptDigest kept = KeptDigest.read(request.getInputStream());
        if (kept.position() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "digest and position (from a published digest) are required");
        }
        LedgerVerifier.Verification verification = kept.hasChains()
                ? verifier.verify(kept::digest, kept.position(), kept.chains())
                : verifier.verify(kept.digest(), kept.position());
        if (verification.expectedDigest() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "digest and position (from a published digest) are required");
        }
        return ApiEnvelope.success(verification, RequestIds.of(request));
    }
}
