package com.executionledger.command;

import com.executionledger.command.execution.LedgerStorageEngine;
import com.executionledger.store.SchemaMigration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    /** The command side's own tables. */
    @Bean
    @DependsOn("storeSchema") // its event_id table is filled from the event store's
    SchemaMigration.Migrated commandSchema(DataSource dataSource) {
        return SchemaMigration.migrate(dataSource, "command");
    }

    /** The JDBC event store as Axon's auto-configuration builds it (which steps back), reading executions back faster. */
    @Bean
    LedgerStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                           ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                           PersistenceExceptionResolver persistenceExceptionResolver,
                                           EventSchema eventSchema, org.axonframework.config.Configuration axon) {
        return new LedgerStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema));
    }
}
