package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator and an API client get besides the API: Prometheus metrics on both services,
 * and readiness that goes DOWN when the projection stalls (the OpenAPI documents: ApiDocumentTest).
 */
class OperableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int EXECUTIONS = 5;
    private static TestLedger ledger;
    private static String token;

    @BeforeAll
    static void someEventsIngested() throws Exception {
        ledger = TestLedger.start("operable", Map.of("ledger.projection.stall-after", "2s"));
        token = ledger.tokenFor("org_ops");
        ledger.publish(executions("exe_ops_%d", "o", 0));
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.api().json(token, "/v1/executions")
                .at("/data/items").size() == EXECUTIONS);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    @Test
    void eachServiceExposesItsMetricsForPrometheus() throws Exception {
        String command = get(ledger.runtime().commandPort(), "/actuator/prometheus").body();
        assertThat(sample(command, "ledger_ingest_events_total{application=\"ledger-command-side\",outcome=\"appended\","
                + "source=\"" + ledger.topic() + "\",transport=\"kafka\"}")).as("events appended over Kafka")
                .isGreaterThanOrEqualTo(EXECUTIONS * 2);
        assertThat(command)
                .contains("ledger_ingest_batch_duration_seconds_bucket{application=\"ledger-command-side\",transport=\"kafka\"")
                .contains("ledger_ingest_batch_size_events_count{application=\"ledger-command-side\",transport=\"kafka\"}")
                .contains("ledger_dead_letters_open{application=\"ledger-command-side\"} 0.0")
                .contains("kafka_consumer_fetch_manager_records_lag_max{")
                .contains("ledger_ingest_kafka_lag{application=\"ledger-command-side\",partition=\"0\",topic=\""
                        + ledger.topic() + "\"} 0.0");
        String query = get(ledger.runtime().apiPort(), "/actuator/prometheus").body();
        assertThat(query)
                .contains("ledger_projection_lag_events{application=\"ledger-query-side\",segment=\"1\"} 0.0")
                .contains("ledger_projection_position{application=\"ledger-query-side\",segment=\"0\"}")
                .contains("ledger_projection_set_aside{application=\"ledger-query-side\"} 0.0")
                .contains("http_server_requests_seconds_bucket{application=\"ledger-query-side\",error=\"none\","
                        + "exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/executions\"");
    }

    @Test
    void readinessGoesDownWhileTheProjectionIsStalledAndUpWhenItMovesAgain() throws Exception {
        int api = ledger.runtime().apiPort();
        assertThat(get(api, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(json(ledger.runtime().commandPort(), "/actuator/health/readiness").at("/components/kafkaIngest/status")
                .asText()).isEqualTo("UP");
        StreamingEventProcessor projection = ledger.runtime().querySide().getBean(EventProcessingConfiguration.class)
                .eventProcessor("executions", StreamingEventProcessor.class).orElseThrow();
        projection.shutDown();
        try {
            ledger.publish(executions("exe_stall_%d", "s", 100));
            await().atMost(Duration.ofSeconds(90)).alias("the new events appended, and the projection behind them")
                    .until(() -> json(api, "/actuator/health/readiness")
                            .at("/components/projectionProgress/details/eventsBehind").asLong() > 0);
            await().atMost(Duration.ofSeconds(60)).alias("readiness DOWN once the projection is stalled")
                    .conditionEvaluationListener(condition -> System.out.println("readiness: " + readiness(api)))
                    .until(() -> get(api, "/actuator/health/readiness").statusCode() == 503);
            JsonNode readiness = JSON.readTree(get(api, "/actuator/health/readiness").body());
            assertThat(readiness.at("/components/projectionProgress/status").asText()).isEqualTo("DOWN");
            assertThat(readiness.at("/components/projectionProgress/details/stalledSegments").size()).isPositive();
            assertThat(get(api, "/actuator/health/liveness").statusCode()).as("liveness is another matter").isEqualTo(200);
        } finally {
            projection.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> get(api, "/actuator/health/readiness").statusCode() == 200);
    }

    private static List<ExecutionEvent> executions(String idFormat, String eventPrefix, int firstSecond) {
        List<ExecutionEvent> events = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            TestEvents execution = TestEvents.of(idFormat.formatted(i), "org_ops");
            events.add(execution.created(eventPrefix + "c" + i, firstSecond + i));
            events.add(execution.paymentConfirmed(eventPrefix + "p" + i, firstSecond + i + 1));
        }
        return events;
    }

    /** The value of one series in a Prometheus scrape; NaN when it is not there. */
    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(Double.NaN);
    }

    private static String readiness(int port) {
        try {
            return get(port, "/actuator/health/readiness").body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(int port, String path) throws Exception {
        return JSON.readTree(get(port, path).body());
    }
}
