package com.executionledger.command.ingest;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the command side's operators watch (README: metrics): events by transport, source and
 * outcome; each batch's size and its time until durable; the dead letters still open; how far
 * behind each partition's end the consumers are. Kafka's own client metrics come besides, from
 * Spring Boot's instrumentation (its per-partition series only once the client has bound them).
 */
@Component
class IngestMetrics {

    static final String EVENTS = "ledger.ingest.events";
    static final String BATCH_DURATION = "ledger.ingest.batch.duration";
    static final String BATCH_SIZE = "ledger.ingest.batch.size";
    static final String DEAD_LETTERS_OPEN = "ledger.dead-letters.open";
    static final String KAFKA_LAG = "ledger.ingest.kafka.lag";

    private final MeterRegistry meters;
    /** Records behind each partition's end, as its consumer last saw it after a batch. */
    private final Map<TopicPartition, Long> lags = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry meters, JdbcTemplate database) {
        this.meters = meters;
        Gauge.builder(DEAD_LETTERS_OPEN, () -> database.queryForObject(
                        "SELECT count(*) FROM dead_letter WHERE redriven_at IS NULL", Long.class))
                .description("dead letters not re-driven yet").strongReference(true).register(meters);
    }

    /**
     * Ingests a batch through {@code ingestion}, timing it and counting its outcomes.
     *
     * @param transport {@code kafka}, {@code http} or {@code redrive}
     * @param source    the topic or the webhook source: a bounded set, never a request or an offset
     */
    List<IngestResult> measured(String transport, String source, Supplier<List<IngestResult>> ingestion) {
        Timer.Sample sample = Timer.start(meters);
        List<IngestResult> results = ingestion.get();
        sample.stop(Timer.builder(BATCH_DURATION).description("a batch from its start until durable")
                .tag("transport", transport).publishPercentileHistogram().register(meters));
        DistributionSummary.builder(BATCH_SIZE).description("events per batch").baseUnit("events")
                .tag("transport", transport).publishPercentileHistogram().register(meters).record(results.size());
        for (IngestResult.Outcome outcome : IngestResult.Outcome.values()) {
            long count = results.stream().filter(result -> result.outcome() == outcome).count();
            if (count > 0) {
                meters.counter(EVENTS, "transport", transport, "source", source,
                        "outcome", outcome.name().toLowerCase()).increment(count);
            }
        }
        return results;
    }

    /** After a batch, on the consumer's thread: how far behind the end of its partitions the consumer is. */
    void consumerLag(Consumer<?, ?> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent() && lags.put(partition, lag.getAsLong()) == null) {
                Gauge.builder(KAFKA_LAG, () -> lags.getOrDefault(partition, 0L))
                        .description("records behind the end of the partition, as its consumer here last saw it")
                        .tag("topic", partition.topic()).tag("partition", String.valueOf(partition.partition()))
                        .register(meters);
            }
        }
    }

    /** Partitions this instance no longer holds: another instance reports them now. */
    void partitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> lags.replace(partition, 0L));
    }
}
