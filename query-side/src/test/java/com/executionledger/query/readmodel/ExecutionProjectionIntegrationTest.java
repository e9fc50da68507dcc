package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.EventRejected;
import com.executionledger.events.ExecutionCreated;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionStatus;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.lifecycle.ExecutionState;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The projection from a real event store on PostgreSQL, and the API over what it projects. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class ExecutionProjectionIntegrationTest {

    /** The executions as the read model holds them, without their places in the change feed (stamped anew by a replay). */
    private static final String EVERY_EXECUTION = "SELECT " + String.join(", ", ExecutionRows.executionColumns())
            + " FROM executions ORDER BY id";

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
    @Autowired
    SetAsideExecutions setAside;
    @Autowired
    SetAsideRetries retries;
    @Autowired
    PlatformTransactionManager transactions;


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

    /**
     * Rows the table cannot hold (events an older, laxer validation let in): each such execution is
     * set aside with the database's reason while everything after it is still projected, health
     * says degraded, and once the cause is fixed a retry writes the row and health is up again.
     */
    @Test
    void anExecutionWhoseRowCannotBeWrittenIsSetAsideAndTheRestFlows() {
        TestEvents tooLong = TestEvents.of("exe_too_long", "org_aside");
        TestEvents nul = TestEvents.of("exe_nul", "org_aside");
        TestEvents after = TestEvents.of("exe_after", "org_other_tenant");
        ExecutionCreated created = tooLong.created("c", 1);
        append(new ExecutionCreated(created.header(), "w".repeat(300), null, null, null, null, null, null, null, null,
                null, null, null, Map.of()));
        ExecutionCreated nulCreated = nul.created("c", 1);
        append(new ExecutionCreated(nulCreated.header(), "wf", null, null, null, null, null, null, null, null,
                Map.of("note", "a\u0000b"), null, null, Map.of()));
        append(after.created("c", 2), after.paymentConfirmed("p", 3));

        awaitRow("org_other_tenant", "exe_after", ExecutionStatus.PAYMENT_CONFIRMED);
        await().atMost(Duration.ofSeconds(30)).until(() -> setAside.count() == 2);
        assertThat(setAside.list(10)).extracting(SetAsideExecutions.SetAside::executionId)
                .containsExactlyInAnyOrder("exe_too_long", "exe_nul");
        assertThat(setAside.list(10)).filteredOn(aside -> aside.executionId().equals("exe_too_long"))
                .extracting(SetAsideExecutions.SetAside::reason).singleElement().asString().contains("value too long");
        assertThat(health()).isEqualTo("DEGRADED");

        jdbc.execute("ALTER TABLE executions ALTER COLUMN workflow_id TYPE varchar(400)");
        assertThat(retries.retry("exe_too_long")).contains(false);
        assertThat(rows.find("org_aside", "exe_too_long").orElseThrow().workflowId()).hasSize(300);
        assertThat(retries.retry("exe_after")).isEmpty();

        append(nul.paymentConfirmed("p", 2)); // its next event tries it again, and fails again
        await().atMost(Duration.ofSeconds(30)).until(() -> setAside.list(10).get(0).attempts() >= 2);
        assertThat(setAside.list(10)).extracting(SetAsideExecutions.SetAside::executionId).containsExactly("exe_nul");
        jdbc.update("DELETE FROM set_aside_execution");
        assertThat(health()).isEqualTo("UP");
    }

    private String health() {
        try {
            return json.readTree(http.getForObject("/actuator/health", String.class)).get("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rebuild copies its rows; what a COPY writes must equal what the projection's upsert writes
     * of the same execution: escapes, nulls, and instants finer than the database keeps. A row the
     * table cannot hold fails the COPY, and the batch is written row by row without it.
     */
    @Test
    void copiedRowsEqualUpsertedOnesAndABadRowIsLeftOutWithItsReason() {
        Instant created = Instant.parse("2026-11-28T10:15:30.123456500Z");
        List<ExecutionState> good = List.of(
                copyCheck("exe_copy_escapes", "tab\there\nback\\slash \"quoted\" \u00e9\u4e2d",
                        Map.of("note", "line\nbreak\ttab \\ end", "nested", Map.of("pages", 3)), created),
                copyCheck("exe_copy_nulls", null, null, Instant.parse("2026-11-28T10:15:30.999999700Z")),
                copyCheck("exe_copy_micros", "plain", Map.of(), Instant.parse("2026-11-28T10:15:30.000000499Z")));
        List<ExecutionState> withABadRow = List.of(copyCheck("exe_copy_beside", "plain", Map.of(), created),
                copyCheck("exe_copy_nul", "plain", Map.of("note", "a\u0000b"), created));
        jdbc.execute("DROP TABLE IF EXISTS executions_copy_check");
        jdbc.execute("CREATE TABLE executions_copy_check (LIKE executions INCLUDING ALL EXCLUDING INDEXES)");
        jdbc.execute("ALTER TABLE executions_copy_check ADD PRIMARY KEY (id)");
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        try {
            transaction.execute(status -> rows.saveAll(good));
            transaction.execute(status -> rows.saveAll(withABadRow));
            List<RowFailure> copiedGood = transaction.execute(status -> rows.copyInto("executions_copy_check", good));
            List<RowFailure> copiedWithABadRow = transaction.execute(status -> rows.copyInto("executions_copy_check", withABadRow));

            assertThat(copiedGood).isEmpty();
            assertThat(copiedWithABadRow).extracting(RowFailure::executionId).containsExactly("exe_copy_nul");
            assertThat(copiedWithABadRow.get(0).reason()).containsIgnoringCase("unicode escape");
            String columns = String.join(", ", ExecutionRows.executionColumns());
            List<Map<String, Object>> live = jdbc.queryForList("SELECT " + columns + " FROM executions WHERE id LIKE 'exe_copy_%' ORDER BY id");
            List<Map<String, Object>> copy = jdbc.queryForList("SELECT " + columns + " FROM executions_copy_check ORDER BY id");
            assertThat(live).extracting(row -> row.get("id"))
                    .containsExactly("exe_copy_beside", "exe_copy_escapes", "exe_copy_micros", "exe_copy_nulls");
            assertThat(copy).isEqualTo(live);
            assertThat(rows.find("org_copy", "exe_copy_escapes").orElseThrow().workflowId())
                    .isEqualTo("tab\there\nback\\slash \"quoted\" \u00e9\u4e2d");
            assertThat(jdbc.queryForObject("SELECT created_at = timestamptz '2026-11-28 10:15:30.123457Z'"
                    + " FROM executions_copy_check WHERE id = 'exe_copy_escapes'", Boolean.class)).isTrue();
        } finally { // rows the ledger does not hold: a replay in another test would not bring them back
            jdbc.update("DELETE FROM executions WHERE id LIKE 'exe\\_copy\\_%'");
        }
    }

    private static ExecutionState copyCheck(String id, String workflowId, Map<String, Object> payload, Instant at) {
        return new ExecutionState(id, "org_copy", ExecutionStatus.WORKFLOW_RUNNING, "paid", null, workflowId, "run\t1",
                null, "ext", "user_1", "user", null, null, "checkout", "cs_1", "ord_1", payload, null,
                Map.of("plan", "metered"), at, at.plusMillis(5), null, at.plusNanos(1_500));
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
        List<Map<String, Object>> before = jdbc.queryForList(EVERY_EXECUTION);

        StreamingEventProcessor processor = processing
                .eventProcessor("executions", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM executions", Integer.class)).isZero();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForList(EVERY_EXECUTION).equals(before));

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
