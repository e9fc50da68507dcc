package com.executionledger.store;

import com.executionledger.events.EventJson;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Axon's JDBC event store on PostgreSQL, with the table names of our Flyway migration
 * ({@code db/store}). Both sides import it, so they agree on one schema and one serializer.
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
public class LedgerStoreAutoConfiguration {

    @Bean
    SchemaMigration.Migrated storeSchema(DataSource dataSource) {
        return SchemaMigration.migrate(dataSource, "store");
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * PostgreSQL reports a unique violation as SQLState 23505 and no vendor code that Axon's
     * default resolver knows (AxonFramework issue 313): without this, two writers appending to
     * one execution at once look like an unknown failure instead of a conflict to retry.
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationBySqlState() {
        return new SQLStateResolver(SqlStates.UNIQUE_VIOLATION);
    }

    /**
     * Both services answer the servlet container's own errors in the envelope, and close a
     * connection whose body the application did not read rather than wait for it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class ContainerErrors {

        /** After Spring Boot's own customizer, whose HTML error valve it replaces. */
        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof EnvelopeErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
                context.getPipeline().addValve(new UnreadBodyValve());
            });
        }
    }

    /** How fast each caller may send requests, on both sides (README: rate limits). */
    @Bean
    @ConditionalOnMissingBean
    RequestRates requestRates(@Value("${LEDGER_RATE_LIMIT_PER_SECOND:${ledger.rate-limit.per-second:1000}}") double perSecond,
                              @Value("${LEDGER_RATE_LIMIT_BURST:${ledger.rate-limit.burst:2000}}") int burst) {
        return new RequestRates(perSecond, burst);
    }

    /** Health {@code gcPressure}: DOWN while the service spends its time collecting; part of readiness. */
    @Bean
    GcPressureHealth gcPressureHealthIndicator() {
        return new GcPressureHealth();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Time for both sides comes from here, never from now() in domain code: tests can fix it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * No correlation metadata. By default Axon copies the ids of the in-process command that
     * appended an event into the event's metadata, and the projection deserializes every event's
     * metadata to pass them on; those ids mean nothing outside the process. An event's metadata
     * is its effect and its chain link.
     */
    @Bean
    @ConditionalOnMissingBean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    /** Spring's ObjectMapper, which Axon's serializer uses too, reads instants on the fast path. */
    @Bean
    Module ledgerFastInstants() {
        return EventJson.fastInstants();
    }

    @Bean
    RevisionResolver revisionResolver() {
        return new EventRevisionResolver();
    }

    /**
     * The one serializer of both sides, for events, messages and tokens alike (as Axon's
     * auto-configuration builds it from our JSON defaults, with Spring's ObjectMapper), except
     * that it remembers the classes of stored type names ({@link LedgerSerializer}).
     */
    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver, ObjectMapper objectMapper) {
        return new LedgerSerializer(JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(LedgerStoreAutoConfiguration.class.getClassLoader()))
                .objectMapper(objectMapper));
    }
}
