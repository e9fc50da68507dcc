package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each reconciliation rule found as rows change, cleared when they agree again, and found again after a swap. */
class ReconciliationIntegrationTest {

    private static final String ORGANIZATION = "org_reconcile";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private MigratedDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = MigratedDatabase.fresh("reconcile", 4);
    }

    @AfterEach
    void closePool() {
        database.close();
    }

    /** An execution as the read model holds it, updated {@code minutesAgo}. */
    private void put(String id, String status, String paymentStatus, long minutesAgo) {
        Instant updated = NOW.minusSeconds(60 * minutesAgo);
        database.jdbc.update("""
                INSERT INTO executions (id, organization_id, status, payment_status, created_at, updated_at, started_at,
                                        finished_at)
                VALUES (?, ?, ?, ?, ?::timestamptz, ?::timestamptz,
                        CASE WHEN ? IN ('workflow_running', 'workflow_succeeded', 'workflow_failed') THEN ?::timestamptz END,
                        CASE WHEN ? IN ('workflow_succeeded', 'workflow_failed', 'workflow_cancelled') THEN ?::timestamptz END)
                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, payment_status = EXCLUDED.payment_status,
                    updated_at = EXCLUDED.updated_at, started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at""",
                id, ORGANIZATION, status, paymentStatus, updated.toString(), updated.toString(), status, updated.toString(),
                status, updated.toString());
    }

    private Map<String, String> found(Instant paidBefore, String... rules) {
        Map<String, String> byExecution = new TreeMap<>();
        database.rows.disagreements(ORGANIZATION, Set.of(rules), paidBefore, null, 100, 0)
                .forEach(each -> byExecution.merge(each.state().id(), each.rule(), (a, b) -> a + "," + b));
        return byExecution;
    }

    @Test
    void eachRuleIsFoundWhileItHoldsAndClearedWhenPaymentAndWorkflowAgree() {
        put("exe_paid_waiting", "payment_confirmed", "paid", 30);
        put("exe_paid_just_now", "payment_confirmed", "psp_captured", 2);
        put("exe_free_waiting", "payment_confirmed", "not_required", 30);
        put("exe_started_unpaid", "workflow_running", "pending", 10);
        put("exe_failed_paid", "workflow_failed", "paid", 5);
        put("exe_cancelled_refunded", "workflow_cancelled", "refunded", 5);
        put("exe_refunded_succeeded", "workflow_succeeded", "refunded", 1);
        put("exe_fine", "workflow_succeeded", "paid", 1);

        Instant fifteenMinutesAgo = NOW.minusSeconds(15 * 60);
        assertThat(found(fifteenMinutesAgo)).isEqualTo(Map.of(
                "exe_paid_waiting", "paid_not_queued",
                "exe_started_unpaid", "started_unpaid",
                "exe_failed_paid", "failed_unrefunded",
                "exe_refunded_succeeded", "refunded_succeeded"));
        assertThat(found(NOW)).as("no grace: a provider's own status is paid too").containsEntry("exe_paid_just_now",
                "paid_not_queued");
        assertThat(found(NOW, "started_unpaid")).containsOnlyKeys("exe_started_unpaid");

        put("exe_paid_waiting", "workflow_queued", "paid", 0);
        put("exe_started_unpaid", "workflow_running", "paid", 0); // the late payment came
        put("exe_failed_paid", "workflow_failed", "refunded", 0);
        assertThat(found(fifteenMinutesAgo)).containsOnlyKeys("exe_refunded_succeeded");
    }

    @Test
    void pagesAfterAPositionGoOnExactlyWhereThePreviousEnded() {
        for (int i = 0; i < 25; i++) {
            // pairs of findings at the same instant: the order goes on by execution and rule
            put("exe_findings_" + i, "workflow_failed", "paid", i / 2);
        }
        put("exe_both", "workflow_running", "pending", 3);
        List<ExecutionRows.Disagreement> all = database.rows.disagreements(ORGANIZATION, Set.of(), NOW, null, 100, 0);
        assertThat(all).hasSize(26).extracting(ExecutionRows.Disagreement::since)
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        List<String> paged = new java.util.ArrayList<>();
        ExecutionRows.FindingPosition after = null;
        while (true) {
            List<ExecutionRows.Disagreement> page = database.rows.disagreements(ORGANIZATION, Set.of(), NOW, after, 4, 0);
            page.forEach(each -> paged.add(each.state().id() + "/" + each.rule()));
            if (page.size() < 4) {
                break;
            }
            ExecutionRows.Disagreement last = page.get(page.size() - 1);
            after = new ExecutionRows.FindingPosition(last.since(), last.state().id(), last.rule());
        }
        assertThat(paged).isEqualTo(all.stream().map(each -> each.state().id() + "/" + each.rule()).toList());
    }

    @Test
    void afterASwapTheNewTableIsReconciledAndKeptSo() {
        put("exe_old", "workflow_failed", "paid", 5);
        database.jdbc.execute("CREATE TABLE executions_shadow (LIKE executions INCLUDING ALL)");
        database.jdbc.update("INSERT INTO executions_shadow (id, organization_id, status, payment_status, created_at, updated_at)"
                + " VALUES ('exe_rebuilt', ?, 'workflow_succeeded', 'refunded', now(), now())", ORGANIZATION);
        database.transaction.executeWithoutResult(status -> {
            database.jdbc.execute("ALTER TABLE executions RENAME TO executions_replaced");
            database.jdbc.execute("ALTER TABLE executions_shadow RENAME TO executions");
            database.jdbc.execute("DROP TABLE executions_replaced");
            database.rows.deriveAgain();
        });
        assertThat(found(NOW)).isEqualTo(Map.of("exe_rebuilt", "refunded_succeeded"));
        put("exe_after", "workflow_cancelled", "paid", 1);
        assertThat(found(NOW)).containsEntry("exe_after", "failed_unrefunded");
    }
}
