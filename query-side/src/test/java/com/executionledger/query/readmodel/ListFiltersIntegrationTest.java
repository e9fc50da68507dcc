package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.infra.LocalPostgres;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.store.SchemaMigration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The list's filters on a table big enough for the planner to care: each alone and combined gives
 * exactly the rows it should, in the list's order, paged by offset and by cursor; and none is
 * answered by a sequential scan, the selective ones by their own index.
 */
class ListFiltersIntegrationTest {

    private static final String ORGANIZATION = "org_filters";
    private static final int ROWS = 20_000;
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private static JdbcTemplate jdbc;
    private static ExecutionRows rows;
    private static List<ExecutionState> everyRow;

    @BeforeAll
    static void aBigOrganizationBesideAnother() {
        LocalPostgres postgres = LocalPostgres.shared();
        DriverManagerDataSource database = new DriverManagerDataSource(postgres.newDatabase("list_filters"),
                postgres.user(), postgres.password());
        SchemaMigration.migrate(database, "query");
        jdbc = new JdbcTemplate(database);
        rows = new ExecutionRows(jdbc, new ObjectMapper(), new DataSourceTransactionManager(database));
        insert(ORGANIZATION, ROWS);
        insert("org_neighbour", ROWS / 4);
        jdbc.execute("ANALYZE executions");
        everyRow = rows.page(ORGANIZATION, ListFilter.NONE, ROWS + 1, 0);
        assertThat(everyRow).hasSize(ROWS);
    }

    /** Two rows per second (ties broken by id); eight statuses, six payment statuses (one a provider's own), 50 workflows. */
    private static void insert(String organization, int count) {
        jdbc.update("""
                INSERT INTO executions (id, organization_id, status, payment_status, workflow_id, source_system,
                                        initiated_by_id, created_at, updated_at)
                SELECT ? || '_' || i, ?,
                       (ARRAY['awaiting_payment','payment_confirmed','workflow_queued','workflow_running',
                              'workflow_waiting','workflow_succeeded','workflow_failed','workflow_cancelled'])[i % 8 + 1],
                       (ARRAY['pending','paid','failed','refunded','not_required','provider_settled'])[i % 6 + 1],
                       'wf_' || (i % 50), 'src_' || (i % 4), 'user_' || (i % 200),
                       ?::timestamptz + (i / 2) * interval '1 second', ?::timestamptz + (i / 2) * interval '1 second'
                FROM generate_series(1, ?) AS i""", organization, organization, BASE.toString(), BASE.toString(), count);
    }

    private static ListFilter filter(List<String> statuses, List<String> paymentStatuses, String workflowId,
                                     String sourceSystem, String initiatedById, Instant after, Instant before) {
        return new ListFilter(new TreeSet<>(statuses), new TreeSet<>(paymentStatuses), workflowId, sourceSystem,
                initiatedById, after, before);
    }

    private static final Map<String, ListFilter> FILTERS = Map.of(
            "one status", filter(List.of("workflow_failed"), List.of(), null, null, null, null, null),
            "two statuses", filter(List.of("workflow_failed", "workflow_cancelled"), List.of(), null, null, null, null, null),
            "a provider's payment status", filter(List.of(), List.of("provider_settled"), null, null, null, null, null),
            "workflow", filter(List.of(), List.of(), "wf_7", null, null, null, null),
            "source system", filter(List.of(), List.of(), null, "src_2", null, null, null),
            "initiator", filter(List.of(), List.of(), null, null, "user_42", null, null),
            "created between", filter(List.of(), List.of(), null, null, null, BASE.plusSeconds(1_000), BASE.plusSeconds(1_500)),
            "combined", filter(List.of("workflow_running", "workflow_succeeded"), List.of("paid", "refunded"), null, "src_3",
                    null, BASE.plusSeconds(100), null));

    private static Predicate<ExecutionState> accepts(ListFilter filter) {
        return row -> (filter.statuses().isEmpty() || filter.statuses().contains(row.status().wireName()))
                && (filter.paymentStatuses().isEmpty() || filter.paymentStatuses().contains(row.paymentStatus()))
                && (filter.workflowId() == null || filter.workflowId().equals(row.workflowId()))
                && (filter.sourceSystem() == null || filter.sourceSystem().equals(row.sourceSystem()))
                && (filter.initiatedById() == null || filter.initiatedById().equals(row.initiatedById()))
                && (filter.createdAfter() == null || row.createdAt().isAfter(filter.createdAfter()))
                && (filter.createdBefore() == null || row.createdAt().isBefore(filter.createdBefore()));
    }

    @Test
    void eachFilterGivesExactlyItsRowsInTheListsOrderByOffsetAndByCursor() {
        FILTERS.forEach((name, filter) -> {
            List<String> expected = everyRow.stream().filter(accepts(filter)).map(ExecutionState::id).toList();
            assertThat(expected).as(name + " lets some rows through, not all").isNotEmpty().hasSizeLessThan(ROWS);

            List<String> byCursor = new ArrayList<>();
            List<ExecutionState> page = rows.page(ORGANIZATION, filter, 101, 0);
            while (true) {
                List<ExecutionState> shown = page.subList(0, Math.min(100, page.size()));
                shown.forEach(row -> byCursor.add(row.id()));
                if (page.size() <= 100) {
                    break;
                }
                page = rows.pageAfter(ORGANIZATION, filter, ListPosition.of(shown.get(shown.size() - 1)), 101);
            }
            assertThat(byCursor).as(name + " by cursor").isEqualTo(expected);

            int offset = Math.min(expected.size() - 1, 37);
            assertThat(rows.page(ORGANIZATION, filter, 20, offset)).as(name + " at an offset")
                    .extracting(ExecutionState::id).isEqualTo(expected.subList(offset, Math.min(expected.size(), offset + 20)));
        });
        assertThat(everyRow).isSortedAccordingTo(Comparator.comparing(ExecutionState::createdAt)
                .thenComparing(ExecutionState::id).reversed());
    }

    @Test
    void noFilterIsAnsweredByASequentialScanAndTheSelectiveOnesByTheirOwnIndex() {
        // the others match a sixth of the rows or more: walking the list's own index, filtering, is as
        // good for a page, and the planner may choose it
        Map<String, String> ownIndex = Map.of("workflow", "executions_by_workflow", "initiator", "executions_by_initiator");
        FILTERS.forEach((name, filter) -> {
            for (ListPosition after : Arrays.asList(null, ListPosition.of(everyRow.get(ROWS / 2)))) {
                List<Object> values = new ArrayList<>();
                String sql = ExecutionRows.filteredPage(ORGANIZATION, filter, after, values);
                values.add(21);
                String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class, values.toArray()));
                assertThat(plan).as(name + (after == null ? "" : " after a cursor") + ":\n" + plan)
                        .doesNotContain("Seq Scan");
                if (ownIndex.containsKey(name)) {
                    assertThat(plan).as(name + ":\n" + plan).contains(ownIndex.get(name));
                }
            }
        });
    }
}
