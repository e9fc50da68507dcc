package com.executionledger.store;

import com.executionledger.events.EventJson;
import com.executionledger.events.ExecutionEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.HashMap;

/**
 * Every read of Axon's event table outside Axon itself, in one place: an execution's ledger, where
 * executions' ledgers stand, what was appended after a position, or all of it in a stream.
 */
public class LedgerEvents {

    private static final String EVENT_PACKAGE = ExecutionEvent.class.getPackageName() + ".";
    private static final TypeReference<Map<String, Object>> META_DATA = new TypeReference<>() {
    };
    private static final String COLUMNS = "global_index, sequence_number, aggregate_identifier, "
            + "time_stamp::timestamptz, payload_type, payload, meta_data, payload_revision";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public LedgerEvents(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** One execution's ledger in arrival order. */
    public List<StoredEvent> ofExecution(String executionId) {
        return ofExecutions(List.of(executionId)).getOrDefault(executionId, List.of());
    }

    /** Several executions' ledgers in one query, each in arrival order. */
    public Map<String, List<StoredEvent>> ofExecutions(Collection<String> executionIds) {
        Map<String, List<StoredEvent>> byExecution = new LinkedHashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM domain_event_entry WHERE aggregate_identifier = ANY (?) ORDER BY aggregate_identifier, sequence_number");
            statement.setArray(1, connection.createArrayOf("varchar", executionIds.toArray()));
            return statement;
        }, rs -> {
            StoredEvent event = toEvent(rs, 0);
            byExecution.computeIfAbsent(event.executionId(), id -> new ArrayList<>()).add(event);
        });
        return byExecution;
    }

    /** One execution's ledger as it stood at an instant: the events that had arrived by then. */
    public List<StoredEvent> ofExecutionAsOf(String executionId, Instant asOf) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND time_stamp::timestamptz <= ? ORDER BY sequence_number",
                this::toEvent, executionId, TimestampParameters.typed(asOf));
    }

    /**
     * The ids of the executions with events after a position, as a query to use inside others
     * (one parameter: the position).
     */
    public static final String EXECUTIONS_APPENDED_AFTER = """
            SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE global_index > ?""";

    /**
     * The sequence number of each execution's last ledger event; an execution absent from the map
     * has none. Read under the executions' locks, in a statement of its own, so that its snapshot
     * is taken after the locks are held.
     */
    public Map<String, Long> heads(Collection<String> executionIds) {
        Map<String, Long> heads = new HashMap<>();
        if (executionIds.isEmpty()) {
            return heads;
        }
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT id, (SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = id)
                    FROM unnest(?) AS id""");
            statement.setArray(1, connection.createArrayOf("varchar", executionIds.toArray()));
            return statement;
        }, rs -> {
            long head = rs.getLong(2);
            if (!rs.wasNull()) {
                heads.put(rs.getString(1), head);
            }
        });
        return heads;
    }

    /** The position of the latest event in the ledger (0 when empty). */
    public long headPosition() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    public long countUpTo(long position) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?", Long.class, position);
    }

    /**
     * Streams the ledger up to a position, one execution at a time (its events in arrival order),
     * in one consistent snapshot and in constant memory, whatever the ledger's size. Executions
     * come in the byte-wise order of their ids, whatever the database's collation: an order a
     * digest can be defined by, which the database sorts the whole ledger for.
     */
    public void forEachExecution(long upToPosition, Consumer<List<StoredEvent>> consumer) {
        forEachExecution(upToPosition, "aggregate_identifier COLLATE \"C\", sequence_number", consumer);
    }

    /**
     * As {@link #forEachExecution}, with executions in the order of the ledger's own index on
     * (execution, sequence) instead: read along the index, without sorting the ledger first, for
     * a reader to whom that order does not matter (the rebuild).
     */
    public void forEachExecutionInIndexOrder(long upToPosition, Consumer<List<StoredEvent>> consumer) {
        forEachExecution(upToPosition, "aggregate_identifier, sequence_number", consumer);
    }

    private void forEachExecution(long upToPosition, String order, Consumer<List<StoredEvent>> consumer) {
        // a connection of its own, outside any Spring transaction, so that the consumer may write
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM domain_event_entry WHERE global_index <= ? ORDER BY " + order)) {
                statement.setFetchSize(1_000);
                statement.setLong(1, upToPosition);
                List<StoredEvent> current = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        StoredEvent event = toEvent(rs, 0);
                        if (!current.isEmpty() && !current.get(0).executionId().equals(event.executionId())) {
                            consumer.accept(List.copyOf(current));
                            current.clear();
                        }
                        current.add(event);
                    }
                }
                if (!current.isEmpty()) {
                    consumer.accept(List.copyOf(current));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger", e);
        }
    }

    /** The upstream facts among stored events, in the same order. */
    public static List<ExecutionEvent> facts(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::payload).filter(ExecutionEvent.class::isInstance)
                .map(ExecutionEvent.class::cast).toList();
    }

    /** A stored payload that no longer reads as its type: damaged, or edited by hand. */
    public record UnreadablePayload(String payloadType, String problem) {
    }

    private StoredEvent toEvent(ResultSet rs, int row) throws SQLException {
        String type = rs.getString(5);
        if (!type.startsWith(EVENT_PACKAGE)) {
            throw new IllegalStateException("unexpected payload type in the ledger: " + type);
        }
        Object payload;
        Object asStored;
        try {
            if (StoredVersions.isOlder(type, rs.getString(8))) { // read as its type's current version
                ObjectNode stored = (ObjectNode) EventJson.mapper().readTree(rs.getBytes(6));
                asStored = EventJson.mapper().treeToValue(stored, StoredVersions.OLDER_RECORD);
                payload = EventJson.mapper().treeToValue(StoredVersions.current(stored), StoredVersions.CURRENT_RECORD);
            } else {
                payload = EventJson.mapper().readValue(rs.getBytes(6), Class.forName(type));
                asStored = payload;
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            payload = new UnreadablePayload(type, e.getClass().getSimpleName());
            asStored = payload;
        }
        Map<String, Object> meta;
        try {
            byte[] metaData = rs.getBytes(7);
            meta = metaData == null ? Map.of() : EventJson.mapper().readValue(metaData, META_DATA);
        } catch (IOException e) {
            meta = Map.of();
        }
        return new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(), payload, meta,
                asStored);
    }
}
