package com.executionledger.command;

import com.executionledger.store.SchemaMigration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    /** Marks that the command side's own tables (dead letters) exist. */
    record CommandSchemaMigrated() {
    }

    @Bean
    CommandSchemaMigrated commandSchemaMigrated(DataSource dataSource) {
        SchemaMigration.migrate(dataSource, "command");
        return new CommandSchemaMigrated();
    }
}
