package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts by status stay equal to the rows through inserts, status changes, deletes, concurrent
 * writers and the compactor, and reading them never touches the executions themselves.
 */
class ExecutionCountsIntegrationTest {

    private static final String[] STATUSES = {"awaiting_payment", "payment_confirmed", "workflow_queued",
            "workflow_running", "workflow_waiting", "workflow_succeeded", "workflow_failed", "workflow_cancelled"};

    private MigratedDatabase database;
    private ExecutionCounts counts;

    @BeforeEach
    void freshDatabase() {
        database = MigratedDatabase.fresh("counts", 6);
        counts = new ExecutionCounts(database.jdbc, database.transaction);
    }

    @AfterEach
    void closePool() {
        database.close();
    }

    private Map<String, Long> counted(String organization) {
        Map<String, Long> truth = new HashMap<>();
        for (String status : STATUSES) {
            truth.put(status, 0L);
        }
        database.jdbc.query("SELECT status, count(*) FROM executions WHERE organization_id = ? GROUP BY status",
                rs -> {
                    truth.put(rs.getString(1), rs.getLong(2));
                }, organization);
        return truth;
    }

    private void insert(String id, String organization, String status) {
        database.jdbc.update("INSERT INTO executions (id, organization_id, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, now(), now())", id, organization, status);
    }

    @Test
    void countsFollowInsertsChangesAndDeletesBeforeAndAfterCompaction() {
        for (int i = 0; i < 300; i++) {
            insert("exe_" + i, i % 3 == 0 ? "org_b" : "org_a", STATUSES[i % STATUSES.length]);
        }
        database.jdbc.update("UPDATE executions SET status = 'workflow_succeeded' WHERE id LIKE 'exe_1%'");
        database.jdbc.update("UPDATE executions SET updated_at = now()"); // no status change: no delta
        database.jdbc.update("DELETE FROM executions WHERE id LIKE 'exe_2%'");
        assertThat(counts.of("org_a")).isEqualTo(counted("org_a"));
        assertThat(counts.of("org_b")).isEqualTo(counted("org_b"));

        counts.compact();
        assertThat(database.jdbc.queryForObject("SELECT count(*) FROM execution_count_deltas", Long.class)).isZero();
        assertThat(counts.of("org_a")).isEqualTo(counted("org_a"));
        assertThat(counts.of("org_b")).isEqualTo(counted("org_b"));
        assertThat(counts.of("org_none").values()).containsOnly(0L).hasSize(STATUSES.length);
    }

    @Test
    void concurrentWritersAndTheCompactorNeitherWaitOnEachOtherNorLoseACount() throws Exception {
        for (int i = 0; i < 400; i++) {
            insert("exe_" + i, "org_busy", STATUSES[0]);
        }
        ExecutorService writers = Executors.newFixedThreadPool(5);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                Random random = new Random(writer);
                for (int round = 0; round < 60; round++) {
                    // each transaction moves many executions, in an order of its own, as segments' batches do
                    database.transaction.executeWithoutResult(status -> {
                        for (int k = 0; k < 20; k++) {
                            database.jdbc.update("UPDATE executions SET status = ? WHERE id = ?",
                                    STATUSES[random.nextInt(STATUSES.length)], "exe_" + (writer * 100 + random.nextInt(100)));
                        }
                    });
                }
            }));
        }
        done.add(writers.submit(() -> {
            for (int i = 0; i < 30; i++) {
                counts.compact();
            }
        }));
        for (Future<?> each : done) {
            each.get();
        }
        writers.shutdown();
        assertThat(counts.of("org_busy")).isEqualTo(counted("org_busy"));
        counts.compact();
        assertThat(counts.of("org_busy")).isEqualTo(counted("org_busy"));
    }

    @Test
    void aRecountAfterTheTableIsReplacedKeepsCountingTheNewOne() {
        insert("exe_old", "org_swap", STATUSES[0]);
        database.jdbc.execute("CREATE TABLE executions_shadow (LIKE executions INCLUDING ALL)");
        database.jdbc.update("INSERT INTO executions_shadow (id, organization_id, status, created_at, updated_at)"
                + " VALUES ('exe_new', 'org_swap', 'workflow_failed', now(), now())");
        database.transaction.executeWithoutResult(status -> {
            database.jdbc.execute("ALTER TABLE executions RENAME TO executions_replaced");
            database.jdbc.execute("ALTER TABLE executions_shadow RENAME TO executions");
            database.jdbc.execute("DROP TABLE executions_replaced");
            database.rows.deriveAgain();
        });
        assertThat(counts.of("org_swap")).isEqualTo(counted("org_swap"));
        insert("exe_after", "org_swap", "workflow_running");
        assertThat(counts.of("org_swap")).isEqualTo(counted("org_swap")).containsEntry("workflow_running", 1L);
    }

    @Test
    void readingCountsNeverScansTheExecutions() {
        String plan = String.join("\n", database.jdbc.queryForList("EXPLAIN " + ExecutionCounts.OF_ORGANIZATION, String.class,
                "org_any", "org_any"));
        assertThat(plan).doesNotContain(" on executions ").doesNotContain(" executions ");
    }
}
