package com.executionledger.command.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.executionledger.web.LedgerWebAutoConfiguration;
import com.executionledger.web.RequestRates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The HTTP edge of ingest: signature, limits, and the per-event answer. */
@WebMvcTest(controllers = HttpIngestController.class, properties = {
        "ledger.ingest.http.sources.payments=s3cret",
        "ledger.ingest.http.sources.flood=s3cret",
        "ledger.ingest.http.max-batch=3",
        "ledger.ingest.http.max-body-bytes=4000",
        "ledger.ingest.http.timestamp-tolerance=5m"})
@Import({HttpIngestControllerTest.Edge.class, WebhookSignature.class, IngestErrors.class})
@ImportAutoConfiguration(LedgerWebAutoConfiguration.class)
class HttpIngestControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Configuration
    @EnableConfigurationProperties(IngestProperties.class)
    static class Edge {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        /** Slow to refill: a source's 20th request in this class is its last. */
        @Bean
        RequestRates requestRates() {
            return new RequestRates(0.001, 20);
        }

        @Bean
        HttpIngestController controller(EventIngestion ingestion, WebhookSignature signature, IngestProperties properties,
                                        RequestRates rates) {
            return new HttpIngestController(ingestion, signature, properties, rates,
                    new IngestMetrics(new SimpleMeterRegistry(), new JdbcTemplate()));
        }
    }

    @Autowired
    MockMvc http;
    @MockitoBean
    EventIngestion ingestion;

    private ResultActions deliver(String body, String source, long timestamp, String secret) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String signature = "v1=" + com.executionledger.events.WebhookSigning.sign(secret, String.valueOf(timestamp), raw);
        return http.perform(post("/v1/events").contentType(MediaType.APPLICATION_JSON).content(raw)
                .header("X-Ledger-Source", source)
                .header("X-Ledger-Timestamp", String.valueOf(timestamp))
                .header("X-Ledger-Signature", signature));
    }

    private ResultActions deliver(String body) throws Exception {
        return deliver(body, "payments", NOW.getEpochSecond(), "s3cret");
    }

    @Test
    void answersPerEventOnceIngested() throws Exception {
        when(ingestion.ingest(anyList(), eq(true))).thenReturn(List.of(
                new IngestResult("e1", "x1", IngestResult.Outcome.APPENDED, null),
                new IngestResult("e2", "x1", IngestResult.Outcome.DUPLICATE, null),
                new IngestResult(null, null, IngestResult.Outcome.REJECTED, "type is required")));

        deliver("[{\"eventId\":\"e1\"},{\"eventId\":\"e2\"},{}]").andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(200))
                .andExpect(jsonPath("$.data.appended").value(1))
                .andExpect(jsonPath("$.data.duplicates").value(1))
                .andExpect(jsonPath("$.data.rejected").value(1))
                .andExpect(jsonPath("$.data.events[0].outcome").value("appended"))
                .andExpect(jsonPath("$.data.events[1].outcome").value("duplicate"))
                .andExpect(jsonPath("$.data.events[2].reason").value("type is required"));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<IncomingEvent>> batch = ArgumentCaptor.forClass(List.class);
        verify(ingestion).ingest(batch.capture(), eq(true));
        org.assertj.core.api.Assertions.assertThat(batch.getValue()).hasSize(3);
        org.assertj.core.api.Assertions.assertThat(new String(batch.getValue().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"eventId\":\"e1\"}");
    }

    @Test
    void aSingleEnvelopeOrEvenUnparseableBytesIsOneEventForThePipeline() throws Exception {
        when(ingestion.ingest(anyList(), eq(true))).thenReturn(List.of(
                new IngestResult(null, null, IngestResult.Outcome.REJECTED, "malformed JSON: ...")));

        deliver("{not json").andExpect(status().isOk()).andExpect(jsonPath("$.data.rejected").value(1));
    }

    @Test
    void refusesAMissingSignature() throws Exception {
        http.perform(post("/v1/events").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.data").value(nullValue()))
                .andExpect(jsonPath("$.message", containsString("missing X-Ledger-Source")));
        verify(ingestion, never()).ingest(any());
    }

    @Test
    void refusesAnUnknownSourceAsAWrongSignatureSoThatSourcesCannotBeEnumerated() throws Exception {
        deliver("{}", "billing", NOW.getEpochSecond(), "s3cret").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("signature does not match"));
    }

    @Test
    void refusesAWrongSignature() throws Exception {
        deliver("{}", "payments", NOW.getEpochSecond(), "guess").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("signature does not match"));
        verify(ingestion, never()).ingest(any());
    }

    @Test
    void refusesAStaleOrFutureTimestamp() throws Exception {
        deliver("{}", "payments", NOW.getEpochSecond() - 301, "s3cret").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("X-Ledger-Timestamp is more than 300 s from the ledger's clock"));
        deliver("{}", "payments", NOW.getEpochSecond() + 301, "s3cret").andExpect(status().isUnauthorized());
    }

    @Test
    void refusesATimestampThatIsNotUnixSeconds() throws Exception {
        http.perform(post("/v1/events").content("{}").header("X-Ledger-Source", "payments")
                        .header("X-Ledger-Timestamp", "2026-11-28T12:00:00Z").header("X-Ledger-Signature", "v1=00"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("X-Ledger-Timestamp must be Unix seconds"));
    }

    @Test
    void refusesABatchOverTheLimit() throws Exception {
        deliver("[{},{},{},{}]").andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.message").value("batch of 4 envelopes is over the limit of 3; split the batch"));
        verify(ingestion, never()).ingest(any());
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        deliver("[\"" + "x".repeat(4000) + "\"]").andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.message", containsString("over the limit of 4000")));
    }

    @Test
    void answers503WhenTheEventsCouldNotBeMadeDurable() throws Exception {
        when(ingestion.ingest(anyList(), eq(true))).thenThrow(new TransientFailures.NotRecordedYet(
                new org.springframework.dao.DataAccessResourceFailureException("down")));

        deliver("{}").andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.message").value("events not recorded; retry the delivery"));
    }

    @Test
    void aSourceOverItsRateIsAnswered429WithRetryAfterAndOthersGoOn() throws Exception {
        when(ingestion.ingest(anyList(), eq(true))).thenReturn(List.of());
        for (int i = 0; i < 20; i++) {
            deliver("[]", "flood", NOW.getEpochSecond(), "s3cret").andExpect(status().isBadRequest());
        }

        deliver("[]", "flood", NOW.getEpochSecond(), "s3cret").andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1000"))
                .andExpect(jsonPath("$.code").value(429))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("too many requests: at most 0.001 per second")));
        deliver("[]", "payments", NOW.getEpochSecond(), "s3cret").andExpect(status().isBadRequest());
    }

    @Test
    void aSignedBodyOfAnotherContentTypeIsAnswered415NotAWrongSignature() throws Exception {
        byte[] raw = "[]".getBytes(StandardCharsets.UTF_8);
        long timestamp = NOW.getEpochSecond();
        String signature = "v1=" + com.executionledger.events.WebhookSigning.sign("s3cret", String.valueOf(timestamp), raw);

        http.perform(post("/v1/events").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(raw)
                        .header("X-Ledger-Source", "payments").header("X-Ledger-Timestamp", String.valueOf(timestamp))
                        .header("X-Ledger-Signature", signature))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.message").value("send the body as application/json (or as CloudEvents: application/cloudevents+json, "
                        + "application/cloudevents-batch+json), not application/x-www-form-urlencoded"));
        verify(ingestion, never()).ingest(anyList());
    }
}
