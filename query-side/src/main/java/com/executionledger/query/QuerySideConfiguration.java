package com.executionledger.query;

import com.executionledger.store.SchemaMigration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /** Marks that the read model's tables exist. */
    record QuerySchemaMigrated() {
    }

    @Bean
    QuerySchemaMigrated querySchemaMigrated(DataSource dataSource) {
        SchemaMigration.migrate(dataSource, "query");
        return new QuerySchemaMigrated();
    }
}
