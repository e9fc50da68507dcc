package com.executionledger.command.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Health {@code kafkaIngest}, part of readiness: DOWN while the consumers are not running, or while
 * every batch has failed for longer than {@link #FAILING_FOR} (the database away, say: the batch is
 * retried without end and nothing is ingested). Its details say which partitions this instance
 * holds; holding none is no fault, as instances beyond the partitions stand by.
 */
@Component("kafkaIngest")
class KafkaIngestHealth implements HealthIndicator {

    static final Duration FAILING_FOR = Duration.ofSeconds(30);

    private final KafkaListenerEndpointRegistry registry;
    private final Clock clock;
    private volatile Instant failingSince;

    KafkaIngestHealth(KafkaListenerEndpointRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void batchDone() {
        failingSince = null;
    }

    void batchFailed() {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
    }

    @Override
    public Health health() {
        MessageListenerContainer container = registry.getListenerContainer(KafkaIngestListener.LISTENER_ID);
        if (container == null || !container.isRunning()) {
            return Health.down().withDetail("consumers", "not running").build();
        }
        Collection<TopicPartition> assigned = container.getAssignedPartitions();
        List<String> partitions = assigned == null ? List.of() : assigned.stream().map(TopicPartition::toString).sorted().toList();
        Instant failing = failingSince;
        if (failing != null && Duration.between(failing, clock.instant()).compareTo(FAILING_FOR) > 0) {
            return Health.down().withDetail("failingSince", failing.toString()).withDetail("partitions", partitions).build();
        }
        return Health.up().withDetail("partitions", partitions).build();
    }
}
