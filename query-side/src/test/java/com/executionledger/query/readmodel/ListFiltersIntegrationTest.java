package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.infra.LocalPostgres;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.store.SchemaMigration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.Statement;
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
import org.springframework.jdbc.core.ConnectionCallback;
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

            assertThat(byCursor(ORGANIZATION, filter, 101)).as(name + " by cursor").isEqualTo(expected);

            int offset = Math.min(expected.size() - 1, 37);
            assertThat(rows.page(ORGANIZATION, filter, 20, offset)).as(name + " at an offset")
                    .extracting(ExecutionState::id).isEqualTo(expected.subList(offset, Math.min(expected.size(), offset + 20)));
        });
        assertThat(everyRow).isSortedAccordingTo(Comparator.comparing(ExecutionState::createdAt)
                .thenComparing(ExecutionState::id).reversed());
    }

    @Test
    void theCursorPagesEveryOrganizationInTheListsOrderWhateverThePageSize() {
        assertThat(byCursor(ORGANIZATION, ListFilter.NONE, 101)).isEqualTo(everyRow.stream().map(ExecutionState::id).toList());
        List<String> neighbour = rows.page("org_neighbour", ListFilter.NONE, ROWS, 0).stream().map(ExecutionState::id).toList();
        assertThat(neighbour).hasSize(ROWS / 4);
        assertThat(byCursor("org_neighbour", ListFilter.NONE, 21)).isEqualTo(neighbour);
    }

    /**
     * Every id of an organization's list that the filter lets through, paged by cursor {@code
     * limit - 1} rows a page, one row more asked each time; without a filter by the unfiltered
     * statement, as the API pages.
     */
    private static List<String> byCursor(String organization, ListFilter filter, int limit) {
        List<String> ids = new ArrayList<>();
        List<ExecutionState> page = rows.page(organization, filter, limit, 0);
        while (true) {
            List<ExecutionState> shown = page.subList(0, Math.min(limit - 1, page.size()));
            shown.forEach(row -> ids.add(row.id()));
            if (page.size() < limit) {
                return ids;
            }
            ListPosition after = ListPosition.of(shown.get(shown.size() - 1));
            page = filter.isEmpty() ? rows.pageAfter(organization, after, limit)
                    : rows.pageAfter(organization, filter, after, limit);
        }
    }

    /**
     * The cursor's statement keeps the plan it is prepared with (its limit written in, not a
     * parameter), one plan for every organization and depth: that plan must be the walk of the
     * list's own index, stopping after the page, never a scan and sort of the whole organization.
     */
    @Test
    void theCursorsCachedPlanWalksTheListsIndexForAnyOrganizationAndDepth() {
        String statement = ExecutionRows.pageAfterStatement(21);
        for (int i = 1; statement.contains("?"); i++) {
            statement = statement.replaceFirst("\\?", "\\$" + i);
        }
        String prepared = statement;
        List<String> plans = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            List<String> explained = new ArrayList<>();
            try (Statement sql = connection.createStatement()) {
                sql.execute("SET plan_cache_mode = force_generic_plan"); // the plan a prepared statement settles on
                sql.execute("PREPARE cursor_page (varchar, timestamptz, varchar) AS " + prepared);
                for (String organization : List.of(ORGANIZATION, "org_neighbour")) {
                    for (ExecutionState after : List.of(everyRow.get(20), everyRow.get(ROWS - 30))) {
                        try (ResultSet plan = sql.executeQuery("EXPLAIN EXECUTE cursor_page ('" + organization + "', '"
                                + after.createdAt() + "', '" + after.id() + "')")) {
                            StringBuilder lines = new StringBuilder();
                            while (plan.next()) {
                                lines.append(plan.getString(1)).append('\n');
                            }
                            explained.add(lines.toString());
                        }
                    }
                }
            }
            return explained;
        });
        assertThat(plans).hasSize(4).allSatisfy(plan -> assertThat(plan).as(plan)
                .contains("Index Scan using executions_by_organization").doesNotContain("Sort").doesNotContain("Seq Scan"));
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
