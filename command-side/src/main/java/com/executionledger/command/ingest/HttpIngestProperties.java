package com.executionledger.command.ingest;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery over HTTP.
 *
 * @param sources            signing secret per source name, e.g. {@code LEDGER_INGEST_HTTP_SOURCES_PAYMENTS=...}
 * @param timestampTolerance how far a signed timestamp may be from our clock: bounds replays
 * @param maxBatch           envelopes per request
 * @param maxBodyBytes       bytes per request
 */
@ConfigurationProperties("ledger.ingest.http")
record HttpIngestProperties(
        @DefaultValue Map<String, String> sources,
        @DefaultValue("5m") Duration timestampTolerance,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("8388608") int maxBodyBytes) {
}
