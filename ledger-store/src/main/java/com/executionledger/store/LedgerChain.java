package com.executionledger.store;

import com.executionledger.events.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of one execution's ledger: each event's hash covers the previous hash, the
 * event's content in a canonical JSON form, what the ledger said it did, and when it arrived.
 * Editing any stored event breaks its link and every later one; the digest over all chains lets
 * an auditor detect even a rewrite of whole chains, a deletion, or events moved in the ledger.
 * Events are stored in that canonical form as they are appended, so a link can be checked against
 * the stored bytes with SHA-256 alone (events appended before that are checked by writing them
 * canonically again, as the verifier does for all).
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
        return link(previous, canonical(payload), effect, arrivedAt);
    }

    /**
     * The link of an event about to be appended after {@code previous}. Its payload is stored in
     * the canonical form the link covers, written once for both ({@link CanonicalPayloads}).
     */
    public static String nextAppended(String previous, Object payload, String effect, String arrivedAt) {
        byte[] content = canonical(payload);
        CanonicalPayloads.waitingForAppend(payload, content);
        return link(previous, content, effect, arrivedAt);
    }

    private static byte[] canonical(Object payload) {
        try {
            return CANONICAL.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a ledger event", e);
        }
    }

    private static String link(String previous, byte[] content, String effect, String arrivedAt) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
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
    }
}
