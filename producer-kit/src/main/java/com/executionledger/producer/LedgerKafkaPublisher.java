package com.executionledger.producer;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the ledger's topic with the settings the contract needs: keyed by
 * execution (so one partition holds an execution's events in order), the idempotent producer and
 * {@code acks=all} (a send the broker acknowledged is not lost, and a retry inside the producer
 * is not written twice). Settings given beside these are added; these three are not overridable.
 */
public final class LedgerKafkaPublisher implements AutoCloseable {

    /** The ledger's topic unless it was configured otherwise. */
    public static final String DEFAULT_TOPIC = "execution-events";

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final EnvelopeWriter writer = new EnvelopeWriter();

    public LedgerKafkaPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Map.of());
    }

    public LedgerKafkaPublisher(String bootstrapServers, String topic, Map<String, Object> settings) {
        Properties config = new Properties();
        config.putAll(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends the event as its envelope; completes once the broker has it on every in-sync replica. */
    public CompletableFuture<RecordMetadata> publish(ExecutionEvent event) {
        ExecutionEvents.checked(event);
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, event.header().executionId(), writer.write(event)), (metadata, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else {
                sent.complete(metadata);
            }
        });
        return sent;
    }

    /** Waits until everything sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
