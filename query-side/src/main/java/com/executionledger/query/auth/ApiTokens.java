package com.executionledger.query.auth;

import com.executionledger.web.TokenHash;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * API tokens: 32 random bytes, shown once when created, stored only as their SHA-256 with the
 * organization they act for and a name.
 */
@Repository
public class ApiTokens {

    private static final String PREFIX = "elt_";
    private static final int TOKEN_BYTES = 32;
    private static final Duration REMEMBERED_FOR = Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, KnownToken> recentlyKnown = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED)
            .<String, KnownToken>build().asMap();

    public ApiTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token as created: the only moment its secret is known. */
    public record IssuedToken(long id, String organizationId, String name, String token) {
    }

    /** A token as kept: never its secret. */
    public record TokenInfo(long id, String organizationId, String name, Instant createdAt, Instant revokedAt) {
    }

    public IssuedToken create(String organizationId, String name) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Long id = jdbc.queryForObject("""
                        INSERT INTO api_tokens (token_hash, organization_id, name, created_at) VALUES (?, ?, ?, ?)
                        RETURNING id""",
                Long.class, TokenHash.sha256(token), organizationId, name, Timestamp.from(clock.instant()));
        return new IssuedToken(id, organizationId, name, token);
    }

    public List<TokenInfo> list() {
        return jdbc.query("SELECT id, organization_id, name, created_at, revoked_at FROM api_tokens ORDER BY id",
                (rs, row) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()));
    }

    /** Revokes a token; false when there is no such live token. */
    public boolean revoke(long id) {
        recentlyKnown.clear();
        return jdbc.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), id) == 1;
    }

    /**
     * The organization a live token acts for. Known tokens are remembered for a short while, so
     * that a request costs no database round trip for its token; a revocation made through
     * another instance takes effect here within that while.
     */
    public Optional<Organization> organizationOf(String token) {
        byte[] hash = TokenHash.sha256(token);
        String key = HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        KnownToken known = recentlyKnown.get(key);
        if (known != null && known.until().isAfter(now)) {
            return Optional.of(known.organization());
        }
        Optional<Organization> organization = jdbc.queryForList(
                "SELECT organization_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                String.class, hash).stream().findFirst().map(Organization::new);
        if (organization.isPresent()) {
            recentlyKnown.put(key, new KnownToken(organization.get(), now.plus(REMEMBERED_FOR)));
        } else {
            recentlyKnown.remove(key);
        }
        return organization;
    }

    private record KnownToken(Organization organization, Instant until) {
    }
}
