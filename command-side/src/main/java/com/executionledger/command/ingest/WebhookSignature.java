package com.executionledger.command.ingest;

import com.executionledger.events.WebhookSigning;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks webhook deliveries signed as {@link WebhookSigning} says, as widely used schemes do. A
 * timestamp far from our clock is refused, which bounds how long a captured request can be
 * replayed.
 */
@Component
class WebhookSignature {

    static final String SOURCE_HEADER = WebhookSigning.SOURCE_HEADER;
    static final String TIMESTAMP_HEADER = WebhookSigning.TIMESTAMP_HEADER;
    static final String SIGNATURE_HEADER = WebhookSigning.SIGNATURE_HEADER;
    private static final String SIGNATURE_MISMATCH = "signature does not match";

    private final Map<String, String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    WebhookSignature(IngestProperties properties, Clock clock) {
        this.secrets = properties.http().sources();
        this.tolerance = properties.http().timestampTolerance();
        this.clock = clock;
    }

    /**
     * Why the delivery cannot be authentic, from its headers alone, so that a body is never read
     * for an unauthenticated request; empty when it may be. An unknown source gets the answer a
     * wrong signature gets: source names cannot be enumerated.
     */
    Optional<String> problemWithHeaders(String source, String timestamp, String signature) {
        if (source == null || timestamp == null || signature == null) {
            return Optional.of("missing " + SOURCE_HEADER + ", " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            return Optional.of(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            return Optional.of(TIMESTAMP_HEADER + " is more than " + tolerance.toSeconds() + " s from the ledger's clock");
        }
        if (!secrets.containsKey(source)) {
            return Optional.of(SIGNATURE_MISMATCH);
        }
        return Optional.empty();
    }

    /** Why the signed body is not authentic, or empty when it is; after {@link #problemWithHeaders} found nothing. */
    Optional<String> problemWithBody(String source, String timestamp, String signature, byte[] body) {
        byte[] expected = (WebhookSigning.VERSION + WebhookSigning.sign(secrets.get(source), timestamp, body))
                .getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(SIGNATURE_MISMATCH);
        }
        return Optional.empty();
    }
}
