package com.executionledger.command;

import com.executionledger.store.SchemaMigration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    /** The command side's own tables. */
    @Bean
    SchemaMigration.Migrated commandSchema(DataSource dataSource) {
        return SchemaMigration.migrate(dataSource, "command");
    }
}
