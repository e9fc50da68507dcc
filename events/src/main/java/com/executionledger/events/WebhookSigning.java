package com.executionledger.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook source signs a delivery to {@code POST /v1/events}: it sends {@code
 * X-Ledger-Source}, {@code X-Ledger-Timestamp} (Unix seconds) and {@code X-Ledger-Signature:
 * v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>}.
 */
public final class WebhookSigning {

    public static final String SOURCE_HEADER = "X-Ledger-Source";
    public static final String TIMESTAMP_HEADER = "X-Ledger-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Ledger-Signature";
    public static final String VERSION = "v1=";

    private WebhookSigning() {
    }

    /** The hex HMAC of a body signed at {@code timestamp}, without the version prefix. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The three headers of a delivery of {@code body} from {@code source}, signed now. */
    public static Map<String, String> headers(String source, String secret, byte[] body) {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        return Map.of(SOURCE_HEADER, source, TIMESTAMP_HEADER, timestamp,
                SIGNATURE_HEADER, VERSION + sign(secret, timestamp, body));
    }
}
