package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.EventRejected;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionState;
import com.executionledger.events.ExecutionStatus;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.EventStoreAppends;
import com.executionledger.query.QuerySideApplication;
import com.executionledger.query.auth.ApiTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The projection from a real event store on PostgreSQL, and the API over what it projects. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class ExecutionProjectionIntegrationTest {

    private static final TestDatabaseAndBroker INFRA = TestDatabaseAndBroker.fresh("projection");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ExecutionRows rows;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;


    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    private EventStoreAppends ledger;

    @BeforeEach
    void appendingToTheEventStore() {
        ledger = new EventStoreAppends(eventStore);
    }

    private void append(ExecutionEvent... events) {
        ledger.append(events);
    }

    /** Appends the ledger's own rejection of an event, which takes a place in the execution's ledger too. */
    private void appendRejection(ExecutionEvent rejected) {
        ledger.append(rejected.header().executionId(),
                new EventRejected(rejected.header(), rejected.type(), "organizationId does not own the execution"));
    }

    private ExecutionState awaitRow(String organization, String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.find(organization, id)
                .map(state -> state.status() == status).orElse(false));
        return rows.find(organization, id).orElseThrow();
    }

    @Test
    void lateEventsConvergeOnTheContractOrderAndEarlyOnesWaitForCreation() {
        TestEvents acme = TestEvents.of("exe_late", "org_acme");
        append(acme.running("r", 3), acme.succeeded("s", 5), acme.paymentConfirmed("p", 2));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> rows.find("org_acme", "exe_late").isEmpty());

        append(acme.created("c", 1), acme.waiting("w", 4, "approval"), acme.paymentConfirmed("p", 2));
        ExecutionState state = awaitRow("org_acme", "exe_late", ExecutionStatus.WORKFLOW_SUCCEEDED);

        assertThat(state.paymentStatus()).isEqualTo("paid");
        assertThat(state.createdAt()).isEqualTo(TestEvents.at(1));
        assertThat(state.startedAt()).isEqualTo(TestEvents.at(3));
        assertThat(state.finishedAt()).isEqualTo(TestEvents.at(5));
        assertThat(state.updatedAt()).isEqualTo(TestEvents.at(5));
        assertThat(state.statusReason()).isNull();
        assertThat(state.responsePayload()).isEqualTo(Map.of("result", "s"));
    }

    @Test
    void factsAfterAGapInTheProjectionsViewAreFoldedWithTheWholeLedger() {
        TestEvents gap = TestEvents.of("exe_gap", "org_gap");
        append(gap.created("c", 1), gap.paymentConfirmed("p", 2));
        awaitRow("org_gap", "exe_gap", ExecutionStatus.PAYMENT_CONFIRMED);

        // the projection never sees the rejection: the next fact follows a gap, so the row is read again
        appendRejection(gap.inOrganization("org_other").queued("q_foreign", 3));
        append(gap.running("r", 4));
        ExecutionState state = awaitRow("org_gap", "exe_gap", ExecutionStatus.WORKFLOW_RUNNING);

        assertThat(state.paymentStatus()).isEqualTo("paid");
        assertThat(state.createdAt()).isEqualTo(TestEvents.at(1));
        assertThat(state.startedAt()).isEqualTo(TestEvents.at(4));
    }

    @Test
    void aResetReplaysToTheSameRows() throws Exception {
        for (int i = 0; i < 20; i++) {
            TestEvents events = TestEvents.of("exe_replay_" + i, i % 2 == 0 ? "org_even" : "org_odd");
            append(events.created("c", i), events.paymentConfirmed("p", i + 1), events.queued("q", i + 2));
            if (i % 3 == 0) {
                append(events.running("r", i + 3), events.failed("f", i + 4, "boom"));
            }
        }
        awaitRow("org_odd", "exe_replay_19", ExecutionStatus.WORKFLOW_QUEUED);
        awaitRow("org_even", "exe_replay_18", ExecutionStatus.WORKFLOW_FAILED);
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM executions ORDER BY id");

        StreamingEventProcessor processor = processing
                .eventProcessor("executions", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM executions", Integer.class)).isZero();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForList("SELECT * FROM executions ORDER BY id").equals(before));

        assertThat(before).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void eachTokenSeesOnlyItsOwnOrganization() throws Exception {
        TestEvents mine = TestEvents.of("exe_mine", "org_mine");
        TestEvents theirs = TestEvents.of("exe_theirs", "org_theirs");
        append(mine.created("c", 0), theirs.created("c", 0),
                mine.inOrganization("org_theirs").paymentConfirmed("p_foreign", 1));
        awaitRow("org_mine", "exe_mine", ExecutionStatus.AWAITING_PAYMENT);
        awaitRow("org_theirs", "exe_theirs", ExecutionStatus.AWAITING_PAYMENT);

        JsonNode minePage = list(tokens.create("org_mine", "test").token());
        JsonNode theirPage = list(tokens.create("org_theirs", "test").token());

        assertThat(minePage.at("/data/items").findValuesAsText("id")).containsExactly("exe_mine");
        assertThat(minePage.at("/data/items/0/paymentStatus").asText()).isEqualTo("pending");
        assertThat(theirPage.at("/data/items").findValuesAsText("id")).containsExactly("exe_theirs");
    }

    @Test
    void aRevokedTokenNoLongerLists() throws Exception {
        ApiTokens.IssuedToken issued = tokens.create("org_revoked", "short-lived");
        assertThat(tokens.revoke(issued.id())).isTrue();

        ResponseEntity<String> answer = http.exchange("/v1/executions", HttpMethod.GET, bearer(issued.token()), String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_tokens WHERE encode(token_hash, 'escape') LIKE ?",
                Integer.class, "%" + issued.token() + "%")).isZero();
        assertThat(tokens.organizationOf(issued.token())).isEqualTo(Optional.empty());
    }

    private JsonNode list(String token) throws Exception {
        ResponseEntity<String> answer = http.exchange("/v1/executions", HttpMethod.GET, bearer(token), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private static HttpEntity<Void> bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return new HttpEntity<>(headers);
    }

    @Test
    void theSharedObjectMapperReadsInstantsOnTheFastPath() throws Exception {
        var context = ((DefaultDeserializationContext) json.getDeserializationContext())
                .createInstance(json.getDeserializationConfig(), json.createParser("\"x\""), null);

        assertThat(context.findRootValueDeserializer(json.constructType(Instant.class)).getClass().getSimpleName())
                .isEqualTo("IsoInstantDeserializer");
        assertThat(json.readValue("\"2026-11-28T10:15:30.5Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-28T10:15:30.5Z"));
    }
}
