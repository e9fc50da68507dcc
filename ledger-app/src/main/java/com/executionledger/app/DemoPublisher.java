package com.executionledger.app;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes envelopes to the events topic as an upstream system would: key = executionId. */
final class DemoPublisher {

    private DemoPublisher() {
    }

    static void publish(String bootstrapServers, String topic, List<ExecutionEvent> events)
            throws ExecutionException, InterruptedException {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        EnvelopeWriter writer = new EnvelopeWriter();
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (ExecutionEvent event : events) {
                producer.send(new ProducerRecord<>(topic, event.header().executionId(), writer.write(event)));
            }
            producer.flush();
        }
    }
}
