package com.executionledger.command.execution;

import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's JDBC event store as the command side reads executions back. Loading an execution took
 * three round trips (a snapshot looked for, its events, then an empty batch to be sure); here it
 * takes one, and the executions of a batch can be read ahead together in one query: executions are
 * never snapshotted, and their sequence numbers have no holes, so a short batch is the last.
 */
public class LedgerStorageEngine extends JdbcEventStorageEngine {

    /** The ledgers read ahead for this thread's transaction, by execution id, until each is loaded. */
    private final ThreadLocal<Map<String, List<DomainEventData<?>>>> readAhead = new ThreadLocal<>();

    public LedgerStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /**
     * Reads the ledgers of these executions in one query, for their loads later in the current
     * transaction; what is not loaded by its end is dropped. Call under the executions' locks, so
     * that nothing is appended to them in between.
     */
    public void readAhead(Collection<String> executionIds) {
        if (executionIds.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, List<DomainEventData<?>>> ledgers = new HashMap<>();
        executeQuery(getConnection(), connection -> {
            var statement = connection.prepareStatement("SELECT " + schema().trackedEventFields() + " FROM "
                    + schema().domainEventTable() + " WHERE " + schema().aggregateIdentifierColumn() + " = ANY(?) ORDER BY "
                    + schema().aggregateIdentifierColumn() + ", " + schema().sequenceNumberColumn());
            statement.setArray(1, connection.createArrayOf("varchar", executionIds.toArray()));
            return statement;
        }, resultSet -> {
            while (resultSet.next()) {
                DomainEventData<?> event = getDomainEventData(resultSet);
                ledgers.computeIfAbsent(event.getAggregateIdentifier(), id -> new ArrayList<>()).add(event);
            }
            return null;
        }, e -> new EventStoreException("Failed to read the ledgers of " + executionIds.size() + " executions", e));
        readAhead.set(ledgers);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                readAhead.remove();
            }
        });
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        Map<String, List<DomainEventData<?>>> ledgers = readAhead.get();
        List<DomainEventData<?>> ledger = ledgers == null ? null : ledgers.remove(aggregateIdentifier);
        if (ledger != null && !ledger.isEmpty() && ledger.get(0).getSequenceNumber() == firstSequenceNumber) {
            return ledger; // longer than a batch, the rest is asked for from its last sequence number on
        }
        return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }
}
