package com.executionledger.command.ingest;

import com.executionledger.command.CommandSideApplication;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where events come from and where rejected ones go: the command side's settings.
 *
 * @param topic             the topic upstream systems publish to (record key = executionId)
 * @param partitions        partitions created for it when missing: the unit of consumer scale-out
 * @param replicationFactor replicas of the topics created when missing
 * @param http              webhook delivery over HTTP
 */
@ConfigurationProperties("ledger.ingest")
record IngestProperties(
        @DefaultValue(CommandSideApplication.DEFAULT_TOPIC) String topic,
        @DefaultValue("8") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Http http) {

    String deadLetterTopic() {
        return topic + ".DLT";
    }

    /**
     * Webhook delivery over HTTP.
     *
     * @param sources            signing secret per source name, e.g. {@code LEDGER_INGEST_HTTP_SOURCES_PAYMENTS=...}
     * @param timestampTolerance how far a signed timestamp may be from our clock: bounds replays
     * @param maxBatch           envelopes per request
     * @param maxBodyBytes       bytes per request
     */
    record Http(
            @DefaultValue Map<String, String> sources,
            @DefaultValue("5m") Duration timestampTolerance,
            @DefaultValue("500") int maxBatch,
            @DefaultValue("8388608") int maxBodyBytes) {
    }
}
