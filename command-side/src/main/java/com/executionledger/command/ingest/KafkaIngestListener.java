package com.executionledger.command.ingest;

import com.executionledger.events.CloudEventMapping;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Consumes the events topic a poll at a time. The batch is made durable in PostgreSQL, the
 * rejected records are copied to the dead-letter topic, and only then does the listener return,
 * which lets the container commit the offsets. A crash anywhere before that redelivers the batch,
 * which the ledger then recognises as duplicates.
 */
@Component
class KafkaIngestListener {

    static final String REASON_HEADER = "ledger-rejection-reason";
    static final String LISTENER_ID = "execution-events-ingest";

    private final EventIngestion ingestion;
    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestProperties properties;
    private final IngestMetrics metrics;
    private final KafkaIngestHealth health;

    KafkaIngestListener(EventIngestion ingestion, KafkaTemplate<String, byte[]> kafka, IngestProperties properties,
                        IngestMetrics metrics, KafkaIngestHealth health) {
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.health = health;
        this.kafka = kafka;
        this.properties = properties;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${ledger.ingest.topic:execution-events}", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) throws Exception {
        try {
            ingest(records);
            health.batchDone();
            metrics.consumerLag(consumer);
        } catch (Exception | Error e) {
            health.batchFailed();
            throw e;
        }
    }

    private void ingest(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<IncomingEvent> batch = records.stream().map(KafkaIngestListener::incoming).toList();
        List<IngestResult> results = metrics.measured("kafka", properties.topic(), () -> ingestion.ingest(batch));
        List<CompletableFuture<SendResult<String, byte[]>>> copies = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (results.get(i).rejected()) {
                copies.add(copyToDeadLetterTopic(records.get(i), results.get(i).reason()));
            }
        }
        // all copies in flight together; the offsets are committed only once every one is acknowledged
        for (CompletableFuture<SendResult<String, byte[]>> copy : copies) {
            copy.get(30, TimeUnit.SECONDS);
        }
    }

    private static IncomingEvent incoming(ConsumerRecord<String, byte[]> record) {
        String coordinate = record.topic() + "/" + record.partition() + "@" + record.offset();
        if (record.headers().lastHeader(CloudEventMapping.KAFKA_HEADER_PREFIX + "specversion") == null) {
            return new IncomingEvent(record.value(), "kafka " + coordinate, "kafka/" + coordinate);
        }
        // a CloudEvent in binary mode: its attributes in ce_ headers, its data the value
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            String value = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            if (header.key().startsWith(CloudEventMapping.KAFKA_HEADER_PREFIX)) {
                attributes.put(header.key().substring(CloudEventMapping.KAFKA_HEADER_PREFIX.length()), value);
            } else if (header.key().equalsIgnoreCase("content-type")) {
                attributes.put("datacontenttype", value);
            }
        }
        return IncomingEvent.of(CloudEventMapping.binary(attributes, record.value()), "kafka " + coordinate + " (CloudEvent)",
                "kafka/" + coordinate);
    }

    private CompletableFuture<SendResult<String, byte[]>> copyToDeadLetterTopic(ConsumerRecord<String, byte[]> record,
                                                                                String reason) {
        ProducerRecord<String, byte[]> deadLetter =
                new ProducerRecord<>(properties.deadLetterTopic(), record.key(), record.value());
        deadLetter.headers()
                .add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8))
                .add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8))
                .add(KafkaHeaders.DLT_ORIGINAL_PARTITION, String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8))
                .add(KafkaHeaders.DLT_ORIGINAL_OFFSET, String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        return kafka.send(deadLetter);
    }
}
