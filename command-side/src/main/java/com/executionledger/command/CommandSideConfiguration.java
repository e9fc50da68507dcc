package com.executionledger.command;

import com.executionledger.command.execution.LedgerStorageEngine;
import com.executionledger.store.EventStoreEngines;
import com.executionledger.store.SchemaMigration;
import javax.sql.DataSource;
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
    LedgerStorageEngine eventStorageEngine(EventStoreEngines engines) {
        return new LedgerStorageEngine(engines.jdbcEngine());
    }
}
