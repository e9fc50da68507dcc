package com.executionledger.web;

import java.security.MessageDigest;

/**
 * The operators' credential for admin operations (replay, verify, dead-letter re-drive, tokens),
 * configured as {@code LEDGER_ADMIN_TOKEN}. Only its SHA-256 is held, and compared in constant
 * time; client tokens never grant it. Without one configured, admin operations are disabled.
 */
public final class AdminCredential {

    /** The operators as one caller of {@link RequestRates}. */
    public static final String CALLER = "admin";

    private final byte[] hash;

    public AdminCredential(String configuredToken) {
        this.hash = configuredToken == null || configuredToken.isBlank() ? null : TokenHash.sha256(configuredToken);
    }

    /**
     * Names the credential in the ledger's records of operators' acts without revealing it: the
     * first 12 hex digits of its SHA-256 (the same for the same token, different after a rotation).
     */
    public String fingerprint() {
        return hash == null ? "admin:none" : "admin:" + java.util.HexFormat.of().formatHex(hash).substring(0, 12);
    }

    private boolean enabled() {
        return hash != null;
    }

    private boolean accepts(String presentedToken) {
        return hash != null && presentedToken != null && MessageDigest.isEqual(hash, TokenHash.sha256(presentedToken));
    }

    /** Why a request with these {@code Authorization} headers may not perform admin operations, if it may not. */
    public java.util.Optional<Refusal> refusal(java.util.List<String> authorizationHeaders) {
        if (!enabled()) {
            return java.util.Optional.of(new Refusal(403, "admin operations are disabled: set LEDGER_ADMIN_TOKEN"));
        }
        AuthorizationHeader.Bearer bearer = AuthorizationHeader.bearer(authorizationHeaders);
        if (bearer.problem() != null && authorizationHeaders.size() > 1) {
            return java.util.Optional.of(new Refusal(401, bearer.problem()));
        }
        if (!accepts(bearer.token())) {
            return java.util.Optional.of(new Refusal(401, "admin credential required"));
        }
        return java.util.Optional.empty();
    }

    /** An HTTP status and a message for the caller. */
    public record Refusal(int status, String message) {
    }
}
