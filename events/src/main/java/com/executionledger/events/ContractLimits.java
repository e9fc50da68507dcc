package com.executionledger.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The contract's limits (rule 5, the limits table of {@code events.md}): what validation accepts,
 * and so what every store and projection must be able to hold. The read model's columns are
 * checked against these by a test; change a limit here and that test says which column to widen.
 */
public final class ContractLimits {

    /** One Kafka record or one element of an HTTP array. */
    public static final int MAX_ENVELOPE_BYTES = 256 * 1024;
    /** {@code eventId}, {@code executionId}, {@code organizationId}: they appear in URL paths and keys. */
    public static final int MAX_KEY_LENGTH = 128;
    public static final Pattern KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9._:~-]+");
    /** {@code requestPayload}, {@code responsePayload}, {@code clientSafeMetadata}: the object itself is depth 1. */
    public static final int MAX_PAYLOAD_DEPTH = 32;
    public static final Instant EARLIEST_OCCURRED_AT = Instant.parse("2000-01-01T00:00:00Z");
    /** How far ahead of the ledger's clock an {@code occurredAt} may be. */
    public static final Duration MAX_OCCURRED_AHEAD = Duration.ofHours(24);

    /** A limit on a text field: its length in characters (code points) and the control characters it may hold. */
    public record TextLimit(int minLength, int maxLength, boolean tabsAndNewlines) {
    }

    public static final TextLimit IDENTIFIER = new TextLimit(1, 255, false);
    public static final TextLimit SHORT_TEXT = new TextLimit(1, 64, false);
    public static final TextLimit STATUS_REASON = new TextLimit(0, 1024, true);

    /** The limit of each named text field of the envelope and its data; other strings need only be valid Unicode. */
    public static final Map<String, TextLimit> TEXT_FIELDS = Map.ofEntries(
            Map.entry("sourceSystem", IDENTIFIER),
            Map.entry("workflowId", IDENTIFIER),
            Map.entry("runId", IDENTIFIER),
            Map.entry("idempotencyKey", IDENTIFIER),
            Map.entry("externalRef", IDENTIFIER),
            Map.entry("orderId", IDENTIFIER),
            Map.entry("checkoutSessionId", IDENTIFIER),
            Map.entry("initiatedById", IDENTIFIER),
            Map.entry("sourceEntityId", IDENTIFIER),
            Map.entry("initiatedByType", SHORT_TEXT),
            Map.entry("sourceEntityType", SHORT_TEXT),
            Map.entry("paymentStatus", SHORT_TEXT),
            Map.entry("statusReason", STATUS_REASON));

    private ContractLimits() {
    }

    /** Why the string is not valid Unicode text (U+0000, a lone surrogate), or null when it is. */
    public static String unicodeProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains U+0000 at character " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone surrogate at character " + i;
            }
        }
        return null;
    }

    /** Why the text breaks its limit, or null when it keeps it; assumes valid Unicode. */
    public static String textProblem(String text, TextLimit limit) {
        int length = text.codePointCount(0, text.length());
        if (length < limit.minLength() || (limit.minLength() > 0 && text.isBlank())) {
            return "must not be blank";
        }
        if (length > limit.maxLength()) {
            return "is " + length + " characters, over the limit of " + limit.maxLength();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(limit.tabsAndNewlines() && (c == '\t' || c == '\n'))) {
                return "contains the control character U+%04X at character %d".formatted((int) c, i);
            }
        }
        return null;
    }

    /** Why the id breaks the key rule, or null when it keeps it. */
    public static String keyProblem(String id) {
        if (id.isEmpty()) {
            return "must not be blank";
        }
        if (id.length() > MAX_KEY_LENGTH) {
            return "is " + id.length() + " characters, over the limit of " + MAX_KEY_LENGTH;
        }
        if (!KEY_CHARACTERS.matcher(id).matches()) {
            return "may hold only A-Z a-z 0-9 . _ : ~ -";
        }
        return null;
    }
}
