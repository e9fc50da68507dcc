package com.executionledger.query.readmodel;

import com.executionledger.events.ExecutionStatus;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.store.SqlStates;
import com.executionledger.store.TimestampParameters;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The executions table: one row per listed execution. */
@Repository
public class ExecutionRows {

    private static final String LIVE = "executions";

    private static final Map<String, ExecutionStatus> STATUS_BY_WIRE_NAME = Arrays.stream(ExecutionStatus.values())
            .collect(Collectors.toMap(ExecutionStatus::wireName, Function.identity()));

    /**
     * The row is {@link ExecutionState}: one column per component, in its order, named in snake case;
     * objects are jsonb. Statements, values and reads below all follow that order.
     */
    private static final List<RecordComponent> ROW = List.of(ExecutionState.class.getRecordComponents());
    private static final String COLUMNS = ROW.stream()
            .map(component -> column(component) + (isJson(component) ? "::text" : ""))
            .collect(Collectors.joining(", "));
    /** Upserts the row into a table of its shape; {@code %s} is the table. Built once: the projection writes in every batch. */
    private static final String UPSERT = upsertIntoTable();
    /** Copies rows in {@link CopyRows}' format into a table of the row's shape; {@code %s} is the table. */
    private static final String COPY = copyIntoTable();

    private static final String OFFSET_PAGE = offsetPage("");
    private static final String OFFSET_PAGE_FROM = offsetPage(" AND (created_at, id) <= (?, ?)");

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final TransactionTemplate savepoint;

    ExecutionRows(JdbcTemplate jdbc, ObjectMapper mapper, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(mapper);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * One page of an organization's executions, newest first, ties by id. Asks for one row more
     * than the page, so that the caller knows whether more exist.
     */
    public List<ExecutionState> page(String organizationId, int limit, long offset) {
        return jdbc.query(OFFSET_PAGE, this::toState, organizationId, limit, offset);
    }

    /** Like {@link #page}, counting the offset from a row's position (that row is at offset 0) instead of the top. */
    public List<ExecutionState> pageFrom(String organizationId, ListPosition from, int limit, long offset) {
        return jdbc.query(OFFSET_PAGE_FROM, this::toState, organizationId, TimestampParameters.typed(from.createdAt()),
                from.id(), limit, offset);
    }

    /** An offset walked in the index alone (index-only scan); only the page's rows are fetched. */
    private static String offsetPage(String bound) {
        return "SELECT " + COLUMNS + " FROM executions JOIN ("
                + " SELECT id AS page_id FROM executions WHERE organization_id = ?" + bound
                + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) page ON id = page_id"
                + " ORDER BY created_at DESC, id DESC";
    }

    /** The position of the row at an offset of the list, read in the index alone; none where the list is shorter. */
    public Optional<ListPosition> positionAt(String organizationId, long offset) {
        return jdbc.query("""
                        SELECT created_at, id FROM executions WHERE organization_id = ?
                        ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?""",
                (rs, row) -> new ListPosition(instant(rs, 1), rs.getString(2)), organizationId, offset).stream().findFirst();
    }

    /**
     * The page after a keyset position: the same order, at the cost of one index range scan at any
     * depth. The limit is written into the statement: given as a parameter, PostgreSQL planned the
     * statement again on each execution over the list's table (its generic plan, for an unknown
     * limit, is costed above the custom ones), 150 to 300 µs of planning for 50 to 130 µs of
     * executing. With the limit written in, each connection's prepared statement keeps its plan: the
     * same index scan for every organization and depth. At most one statement per page size.
     */
    public List<ExecutionState> pageAfter(String organizationId, ListPosition after, int limit) {
        return jdbc.query(pageAfterStatement(limit), this::toState, organizationId,
                TimestampParameters.typed(after.createdAt()), after.id());
    }

    /** The statement of {@link #pageAfter}: its values the organization, the position's instant and its id. */
    static String pageAfterStatement(int limit) {
        return "SELECT " + COLUMNS + """
                 FROM executions WHERE organization_id = ? AND (created_at, id) < (?, ?)
                ORDER BY created_at DESC, id DESC LIMIT %d""".formatted(limit);
    }

    /** A page of the executions the filter lets through, newest first, ties by id; one row more, as {@link #page}. */
    public List<ExecutionState> page(String organizationId, ListFilter filter, int limit, long offset) {
        List<Object> values = new ArrayList<>();
        String sql = filteredPage(organizationId, filter, null, values) + " OFFSET ?";
        values.add(limit);
        values.add(offset);
        return jdbc.query(sql, this::toState, values.toArray());
    }

    /** The filtered page after a keyset position. */
    public List<ExecutionState> pageAfter(String organizationId, ListFilter filter, ListPosition after, int limit) {
        List<Object> values = new ArrayList<>();
        String sql = filteredPage(organizationId, filter, after, values);
        values.add(limit);
        return jdbc.query(sql, this::toState, values.toArray());
    }

    /** The statement of a filtered page, its values added to {@code values} up to the limit, which comes last. */
    static String filteredPage(String organizationId, ListFilter filter, ListPosition after, List<Object> values) {
        values.add(organizationId);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM executions WHERE organization_id = ?")
                .append(filter.conditions(values));
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            values.add(TimestampParameters.typed(after.createdAt()));
            values.add(after.id());
        }
        return sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?").toString();
    }

    /** A row as the change feed gives it: its state, and where its last change stands in the feed. */
    public record Change(ExecutionState state, FeedPosition position) {
    }

    /** A place in the change feed: the transaction of a change, and its sequence number within the feed. */
    public record FeedPosition(String transaction, long sequence) {

        public static final FeedPosition START = new FeedPosition("0", 0);
    }

    /**
     * The organization's rows changed after a place in the feed, in the order of their changes,
     * of transactions older than any still running (V7): a later page cannot miss a change.
     */
    public List<Change> changesAfter(String organizationId, FeedPosition after, int limit) {
        // the stamps are selected under other names: ORDER BY takes an output column's name before a table's
        return jdbc.query("SELECT " + COLUMNS + ", changed_in::text AS feed_transaction, change_seq AS feed_sequence FROM executions"
                        + " WHERE organization_id = ? AND (changed_in, change_seq) > (?::xid8, ?)"
                        + " AND changed_in < pg_snapshot_xmin(pg_current_snapshot())"
                        + " ORDER BY changed_in, change_seq LIMIT ?",
                (rs, row) -> new Change(toState(rs, row), new FeedPosition(rs.getString(24), rs.getLong(25))),
                organizationId, after.transaction(), after.sequence(), limit);
    }

    /**
     * Attaches what the read model keeps beside its rows (counts, change stamps, reconciliation)
     * to the table now called {@code executions} and derives it all again from its rows (V10): for
     * a table that replaced the live one. Call in its transaction.
     */
    void deriveAgain() {
        jdbc.execute("SELECT derive_from_executions()");
    }

    /** An execution whose payment and workflow disagree: the rule it breaks, since when, and the execution as it is. */
    public record Disagreement(String rule, Instant since, ExecutionState state) {
    }

    /** Where a page of disagreements ended: the order's keys of its last finding. */
    public record FindingPosition(Instant since, String executionId, String rule) {
    }

    /**
     * The organization's disagreements (V8), most recent first, after {@code after} when it is
     * not null; {@code rules} empty for all of them. A paid execution not yet queued counts only
     * once it has been so since {@code paidBefore}.
     */
    public List<Disagreement> disagreements(String organizationId, Collection<String> rules, Instant paidBefore,
                                            FindingPosition after, int limit, long offset) {
        List<Object> values = new ArrayList<>();
        values.add(organizationId);
        StringBuilder found = new StringBuilder(" WHERE organization_id = ?");
        if (!rules.isEmpty()) {
            found.append(" AND rule = ANY (?)");
            values.add(rules.toArray(String[]::new));
        }
        found.append(" AND (rule <> 'paid_not_queued' OR since <= ?)");
        values.add(TimestampParameters.typed(paidBefore));
        if (after != null) {
            found.append(" AND (since, execution_id, rule) < (?, ?, ?)");
            values.add(TimestampParameters.typed(after.since()));
            values.add(after.executionId());
            values.add(after.rule());
        }
        values.add(limit);
        values.add(offset);
        return jdbc.query("SELECT " + COLUMNS + ", found.rule_broken, found.broken_since FROM executions JOIN ("
                        + " SELECT execution_id, rule AS rule_broken, since AS broken_since FROM reconciliation" + found
                        + " ORDER BY since DESC, execution_id DESC, rule DESC LIMIT ? OFFSET ?) found ON id = found.execution_id"
                        + " ORDER BY found.broken_since DESC, id DESC, found.rule_broken DESC",
                (rs, row) -> new Disagreement(rs.getString(24), instant(rs, 25), toState(rs, row)), values.toArray());
    }

    public Optional<ExecutionState> find(String organizationId, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM executions WHERE organization_id = ? AND id = ?",
                this::toState, organizationId, id).stream().findFirst();
    }

    /**
     * Writes many rows in one batch into the live table, announcing their organizations at commit.
     * A row the database will not take is left out and answered with its reason (rule 8).
     */
    List<RowFailure> saveAll(List<ExecutionState> states) {
        List<RowFailure> failures = upsertLeavingOutFailures(LIVE, states);
        ReadModelChanges.announce(jdbc, states.stream().map(ExecutionState::organizationId).distinct().toList());
        return failures;
    }

    /**
     * Lets the current transaction commit without waiting for its WAL to reach the disk. Only for
     * what can be derived again: the projection's rows commit with its tracking tokens, so a crash
     * that loses the last few hundred milliseconds of them loses the tokens' advance too, and the
     * events are projected again. What another session reads is unchanged: a transaction is visible
     * when it commits, flushed or not. With eight segments, each a transaction per batch, the flushes
     * were most of the projection's cost at low rates.
     */
    void commitWithoutWaitingForDisk() {
        jdbc.execute("SET LOCAL synchronous_commit TO off");
    }

    /**
     * Like {@link #saveAll}, into a shadow of the live table, which no one reads, for executions it
     * does not hold yet (the rebuild writes each once): one COPY, a fraction of the database's work
     * for an upsert of each row. A COPY that fails for anything but a transient cause leaves no row
     * behind, and the rows go the upsert's way instead, each bad one left out with its reason.
     */
    List<RowFailure> copyInto(String shadow, List<ExecutionState> states) {
        CopyRows copied = new CopyRows();
        states.forEach(state -> copied.add(values(state)));
        try {
            savepoint.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Long>) connection -> {
                try {
                    return connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn(COPY.formatted(shadow), new StringReader(copied.text()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            return List.of();
        } catch (RuntimeException copyFailure) {
            // a row there already is no conflict with another writer here: the upsert brings it up to date
            boolean rowThere = SqlStates.of(copyFailure).filter(SqlStates.UNIQUE_VIOLATION::equals).isPresent();
            if (!rowThere && SqlStates.isTransientFailure(copyFailure)) {
                throw copyFailure;
            }
        }
        return upsertLeavingOutFailures(shadow, states);
    }

    /**
     * One statement batch in a savepoint; should it fail for anything but a transient cause, each
     * row in a savepoint of its own, so that one bad row costs only itself. Call in a transaction.
     */
    private List<RowFailure> upsertLeavingOutFailures(String table, List<ExecutionState> states) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.batchUpdate(upsertInto(table), states.stream().map(this::values).toList()));
            return List.of();
        } catch (RuntimeException batchFailure) {
            if (SqlStates.isTransientFailure(batchFailure)) {
                throw batchFailure;
            }
        }
        List<RowFailure> failures = new ArrayList<>();
        for (ExecutionState state : states) {
            try {
                savepoint.executeWithoutResult(status -> jdbc.update(upsertInto(table), values(state)));
            } catch (RuntimeException rowFailure) {
                if (SqlStates.isTransientFailure(rowFailure)) {
                    throw rowFailure;
                }
                failures.add(new RowFailure(state.id(), state.organizationId(), SqlStates.describe(rowFailure)));
            }
        }
        return failures;
    }

    private static String upsertInto(String table) {
        return UPSERT.formatted(table);
    }

    private static String copyIntoTable() {
        return "COPY %s (" + String.join(", ", executionColumns()) + ") FROM STDIN";
    }

    private static String upsertIntoTable() {
        return "INSERT INTO %s (" + String.join(", ", executionColumns())
                + ") VALUES (" + ROW.stream().map(component -> isJson(component) ? "?::jsonb" : "?").collect(Collectors.joining(", "))
                + ") ON CONFLICT (id) DO UPDATE SET " + ROW.stream().skip(1)
                .map(component -> column(component) + " = EXCLUDED." + column(component)).collect(Collectors.joining(", "));
    }

    /** The columns that hold the execution, in the row's order (not the change feed's stamps). */
    public static List<String> executionColumns() {
        return ROW.stream().map(ExecutionRows::column).toList();
    }

    /** The column of a component of the row: its name in snake case. */
    static String column(RecordComponent component) {
        return component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(RecordComponent component) {
        return Map.class.isAssignableFrom(component.getType());
    }

    /** The row's values in the order of {@link #ROW}: written out, as the hot path of the projection. */
    private Object[] values(ExecutionState state) {
        return new Object[] {state.id(), state.organizationId(), state.status().wireName(), state.paymentStatus(),
                state.statusReason(), state.workflowId(), state.runId(), state.idempotencyKey(), state.externalRef(),
                state.initiatedById(), state.initiatedByType(), state.sourceEntityId(), state.sourceEntityType(),
                state.sourceSystem(), state.checkoutSessionId(), state.orderId(), json.write(state.requestPayload()),
                json.write(state.responsePayload()), json.write(state.clientSafeMetadata()),
                timestamp(state.createdAt()), timestamp(state.startedAt()), timestamp(state.finishedAt()),
                timestamp(state.updatedAt())};
    }

    /** Empties the read model, what is kept beside it with it (a truncation fires no row triggers). */
    void deleteAll() {
        jdbc.update("TRUNCATE executions, execution_counts, execution_count_deltas, reconciliation");
        ReadModelChanges.announceEverything(jdbc);
    }

    private ExecutionState toState(ResultSet rs, int row) throws SQLException {
        return new ExecutionState(rs.getString(1), rs.getString(2), STATUS_BY_WIRE_NAME.get(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getString(16), json.readObject(rs.getString(17)),
                json.readObject(rs.getString(18)), json.readObject(rs.getString(19)), instant(rs, 20),
                instant(rs, 21), instant(rs, 22), instant(rs, 23));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
