package com.executionledger.query;

import com.executionledger.store.EventStoreEngines;
import com.executionledger.store.SchemaMigration;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling: set-aside executions are retried every minute. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ProjectionProperties.class)
class QuerySideConfiguration {

    private static final int GAP_CLEANING_THRESHOLD = 250;

    /** The query side's own tables. */
    @Bean
    SchemaMigration.Migrated querySchema(DataSource dataSource) {
        return SchemaMigration.migrate(dataSource, "query");
    }

    /**
     * The JDBC event store as Axon's auto-configuration builds it, which steps back once we define
     * the event store, with its gaps bounded. A gap is a global index no committed event holds yet:
     * an append still in flight, or one rolled back. Every tracked event carries a token with the
     * whole gap set, so memory grows with the cached events times the gaps: at most {@code
     * maxGapOffset} gaps are kept (a gap further behind the newest event is taken as rolled back;
     * Axon's default is 10,000), and a gap older than {@code gapTimeout} (Axon: 60 s) is dropped
     * once more than {@value #GAP_CLEANING_THRESHOLD} are tracked. Appends hold their global index
     * for milliseconds (writers take their locks before they insert), so 2,000 indexes (four
     * batches; an eighth of a second at 16,000 events/s) and 10 s are generous; an event of a very
     * late commit that is missed anyway is read with its execution's next event, which finds the
     * gap in the execution's own sequence.
     */
    @Bean
    EventStorageEngine eventStorageEngine(EventStoreEngines engines, ProjectionProperties projection) {
        return engines.jdbcEngine()
                .maxGapOffset(projection.maxGapOffset())
                .gapTimeout(projection.gapTimeoutMs())
                .gapCleaningThreshold(GAP_CLEANING_THRESHOLD)
                .build();
    }

    /**
     * The event store as Axon configures it, except how soon it looks again when it has read every
     * event: the command side appends in another process, so nothing wakes this one, and Axon's
     * default of a second would become the projection's lag. An idle look is one index probe. Its
     * cache of 10,000 events (Axon's default) lets the projection's segments share one reader: with
     * 1,000 they fell behind it under bulk ingest and each read every event itself (measured: the
     * query side's CPU per event 25 -> 65 µs, its heap 395 -> 509 MB).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                  ProjectionProperties projection) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(projection.fetchDelayMs())
                .cachedEvents(projection.cachedEvents())
                .build();
    }

    /** The store as the projection reads it: woken when new events come (see SignallingEventSource). */
    @Bean(destroyMethod = "close")
    SignallingEventSource projectionEventSource(EmbeddedEventStore eventStore) {
        return new SignallingEventSource(eventStore);
    }

    /**
     * The projection's segments extend their claims three times within the claim timeout, idle or
     * busy (Axon's default is every 5 s, beyond our timeout), so only a dead instance loses them.
     */
    @Bean
    ConfigurerModule projectionClaimExtension(ProjectionProperties projection) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                ProjectionProperties.PROCESSOR, (config, builder) ->
                        builder.claimExtensionThreshold(projection.claimTimeout().toMillis() / 3));
    }
}
