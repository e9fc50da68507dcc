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

    private final Map<String, String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    WebhookSignature(HttpIngestProperties properties, Clock clock) {
        this.secrets = properties.sources();
        this.tolerance = properties.timestampTolerance();
        this.clock = clock;
    }

    /** Why the delivery is not authentic, or empty when it is. */
    Optional<String> problemWith(String source, String timestamp, String signature, byte[] body) {
        if (source == null || timestamp == null || signature == null) {
            return Optional.of("missing " + SOURCE_HEADER + ", " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        String secret = secrets.get(source);
        if (secret == null) {
            return Optional.of("unknown source '" + source + "'");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            return Optional.of(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            return Optional.of(TIMESTAMP_HEADER + " is more than " + tolerance.toSeconds() + " s from the ledger's clock");
        }
        byte[] expected = (WebhookSigning.VERSION + WebhookSigning.sign(secret, timestamp, body)).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("signature does not match");
        }
        return Optional.empty();
    }
}
