package com.executionledger.command.ingest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The signing scheme of webhook deliveries, as widely used ones do it: the source sends
 * {@code X-Ledger-Source}, {@code X-Ledger-Timestamp} (Unix seconds) and
 * {@code X-Ledger-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>}. A
 * timestamp far from our clock is refused, which bounds how long a captured request can be
 * replayed.
 */
@Component
class WebhookSignature {

    static final String SOURCE_HEADER = "X-Ledger-Source";
    static final String TIMESTAMP_HEADER = "X-Ledger-Timestamp";
    static final String SIGNATURE_HEADER = "X-Ledger-Signature";
    private static final String VERSION = "v1=";

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
        byte[] expected = (VERSION + sign(secret, timestamp, body)).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("signature does not match");
        }
        return Optional.empty();
    }

    /** The hex signature of a body: what a source computes to sign its delivery. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
