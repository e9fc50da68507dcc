package com.executionledger.store;

import com.executionledger.events.EventJson;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

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

    @Bean
    EventStoreEngines eventStoreEngines(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                        ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                        PersistenceExceptionResolver persistenceExceptionResolver, EventSchema eventSchema,
                                        org.axonframework.config.Configuration axon) {
        return new EventStoreEngines(serializer, eventSerializer, connectionProvider, transactionManager,
                persistenceExceptionResolver, eventSchema, axon);
    }

    @Bean
    @ConditionalOnMissingBean
    LedgerEvents ledgerEvents(DataSource dataSource) {
        return new LedgerEvents(dataSource);
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

    /** Older versions of an event type's data read as its current one, by every Axon reader (events/EVOLUTION.md). */
    @Bean
    EventUpcaster storedVersions() {
        return new StoredVersions();
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
