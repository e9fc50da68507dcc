package com.executionledger.query;

import com.executionledger.store.SchemaMigration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /** The query side's own tables. */
    @Bean
    SchemaMigration.Migrated querySchema(DataSource dataSource) {
        return SchemaMigration.migrate(dataSource, "query");
    }
}
