package com.executionledger.command;

import com.executionledger.command.execution.LedgerStorageEngine;
import com.executionledger.store.EventStoreEngines;
import com.executionledger.store.SchemaMigration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
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

    /** {@code GET /v3/api-docs}: the ingest API as OpenAPI 3. */
    @Bean
    OpenAPI ingestApi() {
        return new OpenAPI()
                .info(new Info().title("Execution Ledger: ingest API").version("v1").description(
                        "POST /v1/events takes one event envelope or a JSON array of them (events.md), signed by a"
                                + " webhook source: X-Ledger-Source, X-Ledger-Timestamp (epoch seconds) and"
                                + " X-Ledger-Signature (v1=hex HMAC-SHA256 of timestamp.body with the source's secret)."
                                + " The answer, per event: appended, duplicate or rejected with its reason. /admin"
                                + " takes the admin token."))
                .components(new Components().addSecuritySchemes("adminToken", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("LEDGER_ADMIN_TOKEN, for /admin/**")));
    }
}
