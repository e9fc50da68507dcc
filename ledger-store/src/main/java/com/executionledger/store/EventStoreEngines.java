package com.executionledger.store;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store engine as its auto-configuration would build it on our schema, for a
 * side that defines its own engine (which makes Axon's step back) and adds only what differs: the
 * command side reads executions back faster, the query side bounds the gaps it tracks.
 */
public final class EventStoreEngines {

    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;
    private final PersistenceExceptionResolver persistenceExceptionResolver;
    private final EventSchema eventSchema;
    private final Configuration axon;

    EventStoreEngines(Serializer serializer, Serializer eventSerializer, ConnectionProvider connectionProvider,
                      TransactionManager transactionManager, PersistenceExceptionResolver persistenceExceptionResolver,
                      EventSchema eventSchema, Configuration axon) {
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
        this.persistenceExceptionResolver = persistenceExceptionResolver;
        this.eventSchema = eventSchema;
        this.axon = axon;
    }

    /** A new builder with everything both sides share set. */
    public JdbcEventStorageEngine.Builder jdbcEngine() {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema);
    }
}
