package com.executionledger.store;

import java.security.MessageDigest;

/**
 * The operators' credential for admin operations (replay, verify, dead-letter re-drive, tokens),
 * configured as {@code LEDGER_ADMIN_TOKEN}. Only its SHA-256 is held, and compared in constant
 * time; client tokens never grant it. Without one configured, admin operations are disabled.
 */
public final class AdminCredential {

    private final byte[] hash;

    public AdminCredential(String configuredToken) {
        this.hash = configuredToken == null || configuredToken.isBlank() ? null : TokenHash.sha256(configuredToken);
    }

    public boolean enabled() {
        return hash != null;
    }

    public boolean accepts(String presentedToken) {
        return hash != null && presentedToken != null && MessageDigest.isEqual(hash, TokenHash.sha256(presentedToken));
    }

    /** The token of an {@code Authorization: Bearer ...} header, or null. */
    public static String bearerOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return authorization.substring("Bearer ".length()).trim();
    }
}
