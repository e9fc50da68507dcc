package com.executionledger.store;

import com.executionledger.events.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The hash chain of one execution's ledger: each event's hash covers the previous hash, the
 * event's content in a canonical JSON form, what the ledger said it did, and when it arrived.
 * Editing any stored event breaks its link and every later one; the digest over all chains lets
 * an auditor detect even a rewrite of whole chains, a deletion, or events moved in the ledger.
 */
public final class LedgerChain {

    /** The metadata key under which each event carries its link. */
    public static final String METADATA_KEY = "chainHash";
    /** The metadata key of the arrival time that the link covers: the event's stored timestamp, to the millisecond. */
    public static final String ARRIVED_AT_KEY = "arrivedAt";
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = EventJson.configure(JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build());

    private LedgerChain() {
    }

    /**
     * The link after {@code previous}. {@code arrivedAt} is null for events recorded before links
     * covered arrival times: theirs are computed as they were.
     */
    public static String next(String previous, Object payload, String effect, String arrivedAt) {
        try {
            byte[] content = CANONICAL.writeValueAsBytes(payload);
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            sha256.update(previous.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(content);
            sha256.update((byte) '\n');
            sha256.update(String.valueOf(effect).getBytes(StandardCharsets.UTF_8));
            if (arrivedAt != null) {
                sha256.update((byte) '\n');
                sha256.update(arrivedAt.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a ledger event", e);
        }
    }
}
