package com.executionledger.command.ingest;

import java.util.Collection;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class KafkaIngestConfiguration {

    @Bean
    NewTopic executionEventsTopic(IngestProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }

    @Bean
    NewTopic executionEventsDeadLetterTopic(IngestProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }

    /**
     * Bad records never reach here: they are dead-lettered by the listener. What does is the
     * database or the broker being away, so the batch is retried, without end, and its offsets
     * stay uncommitted until it is durable: nothing is skipped.
     */
    @Bean
    CommonErrorHandler retryUntilDurable() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return new DefaultErrorHandler(backOff);
    }

    /** A partition that moved to another instance is reported there: its lag here is no longer ours to show. */
    @Bean
    ConsumerAwareRebalanceListener forgetLagOfRevokedPartitions(IngestMetrics metrics) {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                metrics.partitionsRevoked(partitions);
            }
        };
    }
}
