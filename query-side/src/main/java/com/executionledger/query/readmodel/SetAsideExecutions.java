package com.executionledger.query.readmodel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Executions set aside by the projection or a rebuild because their row could not be written
 * (rule 8): every other execution keeps flowing, and these wait, visible, for a retry.
 */
@Repository
public class SetAsideExecutions {

    /** An execution set aside, with the database's reason, since when, and how many times it failed. */
    public record SetAside(String executionId, String organizationId, String reason, Instant setAsideAt, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SetAsideExecutions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void setAside(Collection<RowFailure> failures) {
        jdbc.batchUpdate("""
                        INSERT INTO set_aside_execution (execution_id, organization_id, reason, set_aside_at, attempts)
                        VALUES (?, ?, ?, ?, 1)
                        ON CONFLICT (execution_id) DO UPDATE SET reason = EXCLUDED.reason,
                            attempts = set_aside_execution.attempts + 1""",
                failures.stream().map(failure -> new Object[] {failure.executionId(), failure.organizationId(),
                        failure.reason(), Timestamp.from(clock.instant())}).toList());
    }

    /** Takes these executions off the list, as their rows have now been written. */
    void release(Collection<String> executionIds) {
        if (executionIds.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("DELETE FROM set_aside_execution WHERE execution_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("varchar", executionIds.toArray()));
            return statement;
        });
    }

    public List<SetAside> list(int limit) {
        return jdbc.query("""
                        SELECT execution_id, organization_id, reason, set_aside_at, attempts FROM set_aside_execution
                        ORDER BY set_aside_at, execution_id LIMIT ?""",
                (rs, row) -> new SetAside(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5)), limit);
    }

    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM set_aside_execution", Long.class);
    }

    List<String> ids() {
        return jdbc.queryForList("SELECT execution_id FROM set_aside_execution", String.class);
    }
}
