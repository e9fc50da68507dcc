package com.executionledger.query.readmodel;

import com.executionledger.events.ExecutionStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An organization's executions counted by status, kept by the read model as its rows change (V6):
 * reading them costs the same at ten rows and at ten million. The projection's writes leave
 * deltas; {@link #compact} folds them into the totals, on one instance at a time.
 */
@Repository
public class ExecutionCounts {

    /** The advisory lock that lets one instance at a time fold the deltas. */
    private static final long COMPACTOR_LOCK = 0x4C45444743L; // "LEDGC"

    /** The totals and the deltas not folded yet; the organization twice. */
    static final String OF_ORGANIZATION = """
            SELECT status, sum(n) FROM (
                SELECT status, count AS n FROM execution_counts WHERE organization_id = ?
                UNION ALL
                SELECT status, delta FROM execution_count_deltas WHERE organization_id = ?) AS both_parts
            GROUP BY status""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ExecutionCounts(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Every status with its count, zero included, in the lifecycle's order. */
    public Map<String, Long> of(String organizationId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            counts.put(status.wireName(), 0L);
        }
        jdbc.query(OF_ORGANIZATION, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, organizationId, organizationId);
        return counts;
    }

    /** Folds the deltas into the totals; another instance doing so already is left to it. */
    @Scheduled(fixedDelayString = "${ledger.counts.compact-every:1s}")
    void compact() {
        transaction.executeWithoutResult(status -> {
            Boolean mine = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, COMPACTOR_LOCK);
            if (Boolean.TRUE.equals(mine)) {
                jdbc.update("""
                        WITH folded AS (DELETE FROM execution_count_deltas RETURNING organization_id, status, delta)
                        INSERT INTO execution_counts (organization_id, status, count)
                        SELECT organization_id, status, sum(delta) FROM folded GROUP BY organization_id, status
                        ON CONFLICT (organization_id, status) DO UPDATE SET count = execution_counts.count + EXCLUDED.count""");
            }
        });
    }
}
