package com.executionledger.query.readmodel;

import com.executionledger.store.TimestampParameters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of an organization's executions a list shows: every condition given must hold. Each is
 * served by an index that leads with the organization (V5), the instants by the list's own.
 *
 * @param createdAfter  only executions created strictly after it
 * @param createdBefore only executions created strictly before it
 */
public record ListFilter(SortedSet<String> statuses, SortedSet<String> paymentStatuses, String workflowId,
                         String sourceSystem, String initiatedById, Instant createdAfter, Instant createdBefore) {

    public static final ListFilter NONE = new ListFilter(new TreeSet<>(), new TreeSet<>(), null, null,
            null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The conditions as SQL after {@code organization_id = ?}, with their values in {@code values}. */
    String conditions(List<Object> values) {
        StringBuilder sql = new StringBuilder();
        if (!statuses.isEmpty()) {
            sql.append(" AND status = ANY (?)");
            values.add(statuses.toArray(String[]::new));
        }
        if (!paymentStatuses.isEmpty()) {
            sql.append(" AND payment_status = ANY (?)");
            values.add(paymentStatuses.toArray(String[]::new));
        }
        equalTo(sql, values, "workflow_id", workflowId);
        equalTo(sql, values, "source_system", sourceSystem);
        equalTo(sql, values, "initiated_by_id", initiatedById);
        if (createdAfter != null) {
            sql.append(" AND created_at > ?");
            values.add(TimestampParameters.typed(createdAfter));
        }
        if (createdBefore != null) {
            sql.append(" AND created_at < ?");
            values.add(TimestampParameters.typed(createdBefore));
        }
        return sql.toString();
    }

    private static void equalTo(StringBuilder sql, List<Object> values, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            values.add(value);
        }
    }

    /** A short digest of the conditions, which a cursor carries so that it is not used with others. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
