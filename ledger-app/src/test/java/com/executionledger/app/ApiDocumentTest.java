package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.TestEvents;
import com.executionledger.events.WebhookSigning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The checked-in OpenAPI documents cannot drift from the services: every operation of both is
 * called, its answers (successes and errors) validated against its document, every endpoint the
 * services map is documented, and the list is documented exactly as the API promised it. The
 * ordered tests build on each other: events first, then what they became.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiDocumentTest {

    private static final String SOURCE = "docs";
    private static final String SECRET = "whsec_docs";
    private static final String ORGANIZATION = "org_docs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvelopeWriter WRITER = new EnvelopeWriter();
    private static final Set<String> UNDOCUMENTED = Set.of("/error", "/v3/api-docs", "/v3/api-docs.yaml");

    private static TestLedger ledger;
    private static DocumentedApi ingest;
    private static DocumentedApi query;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        ledger = TestLedger.start("api_docs", Map.of("ledger.ingest.http.sources." + SOURCE, SECRET));
        ingest = new DocumentedApi("openapi/command-side.yaml", ledger.runtime().commandPort());
        query = new DocumentedApi("openapi/query-side.yaml", ledger.runtime().apiPort());
        token = ledger.tokenFor(ORGANIZATION);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    @Order(1)
    void ingestAndDeadLettersAnswerAsDocumented() throws Exception {
        TestEvents first = TestEvents.of("exe_docs_1", ORGANIZATION);
        Map<String, Object> typo = WRITER.envelope(first.queued("q1", 2));
        typo.put("type", "workflow_queud");
        JsonNode batch = deliver(List.of(WRITER.envelope(first.created("c1", 0)), WRITER.envelope(first.paymentConfirmed("p1", 1)),
                typo, WRITER.envelope(TestEvents.of("exe_docs_2", ORGANIZATION).createdWithoutPayment("c2", 0))));
        assertThat(batch.at("/data/appended").asInt()).isEqualTo(3);
        assertThat(batch.at("/data/rejected").asInt()).isEqualTo(1);
        assertThat(deliver(List.of(WRITER.envelope(first.created("c1", 0)))).at("/data/duplicates").asInt()).isEqualTo(1);

        JsonNode schemas = ingest.call("GET", "/v1/schemas", "/v1/schemas", null);
        assertThat(schemas.at("/data/types/workflow_failed/currentVersion").asInt()).isEqualTo(2);
        ingest.call("GET", "/v1/schemas", "/v1/schemas?type=workflow_failed", null);

        byte[] one = WRITER.write(first.running("r1", 3));
        ingest.call("POST", "/v1/events", "/v1/events", null, Map.of("Content-Type", "application/json"), one);
        Map<String, String> signed = new HashMap<>(WebhookSigning.headers(SOURCE, SECRET, one));
        signed.put("Content-Type", "text/plain");
        ingest.call("POST", "/v1/events", "/v1/events", null, signed, one);
        byte[] empty = "[]".getBytes(StandardCharsets.UTF_8);
        ingest.call("POST", "/v1/events", "/v1/events", null, signedJson(empty), empty);

        JsonNode letters = ingest.call("GET", "/admin/dead-letters", "/admin/dead-letters", TestLedger.ADMIN_TOKEN);
        assertThat(letters.get("data")).hasSize(1);
        long id = letters.at("/data/0/id").asLong();
        ingest.call("GET", "/admin/dead-letters", "/admin/dead-letters?open=false&limit=5", TestLedger.ADMIN_TOKEN);
        ingest.call("GET", "/admin/dead-letters", "/admin/dead-letters", "not_the_admin_token");
        ingest.call("GET", "/admin/dead-letters/{id}", "/admin/dead-letters/" + id, TestLedger.ADMIN_TOKEN);
        ingest.call("GET", "/admin/dead-letters/{id}", "/admin/dead-letters/999999", TestLedger.ADMIN_TOKEN);
        JsonNode redriven = ingest.call("POST", "/admin/dead-letters/{id}/redrive", "/admin/dead-letters/" + id + "/redrive",
                TestLedger.ADMIN_TOKEN, Map.of("Content-Type", "application/json"), WRITER.write(first.queued("q1", 2)));
        assertThat(redriven.at("/data/outcome").asText()).isEqualTo("appended");
        ingest.call("POST", "/admin/dead-letters/{id}/redrive", "/admin/dead-letters/" + id + "/redrive",
                TestLedger.ADMIN_TOKEN);

        TestEvents unpaid = TestEvents.of("exe_docs_3", ORGANIZATION);
        JsonNode last = deliver(List.of(WRITER.envelope(first.succeeded("s1", 4)), WRITER.envelope(unpaid.created("c3", 0)),
                WRITER.envelope(unpaid.queued("q3", 1))));
        long position = last.at("/data/events/2/position").asLong();
        // read your writes: the next reads see every event up to the last one delivered
        JsonNode unpaidNow = query.call("GET", "/v1/executions/{id}", "/v1/executions/exe_docs_3?minPosition=" + position, token);
        assertThat(unpaidNow.at("/data/status").asText()).isEqualTo("workflow_queued");
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.api().json(token, "/v1/executions/exe_docs_1")
                .at("/data/status").asText().equals("workflow_succeeded"));
    }

    @Test
    @Order(2)
    void executionsAndTheirHistoryAnswerAsDocumented() throws Exception {
        JsonNode page = query.call("GET", "/v1/executions", "/v1/executions?limit=2", token);
        assertThat(page.at("/data/items")).hasSize(2);
        String cursor = URLEncoder.encode(page.at("/data/nextCursor").asText(), StandardCharsets.UTF_8);
        JsonNode last = query.call("GET", "/v1/executions", "/v1/executions?limit=2&cursor=" + cursor, token);
        assertThat(last.at("/data/hasMore").asBoolean()).isFalse();
        query.call("GET", "/v1/executions", "/v1/executions", token);
        query.call("GET", "/v1/executions", "/v1/executions?limit=500", token);
        query.call("GET", "/v1/executions", "/v1/executions", "elt_unknown");
        JsonNode failed = query.call("GET", "/v1/executions", "/v1/executions?status=workflow_succeeded,workflow_failed"
                + "&paymentStatus=paid,refunded&workflowId=wf_1&sourceSystem=payments&initiatedById=user_1"
                + "&createdAfter=2000-01-01T00:00:00Z&createdBefore=2999-01-01T00:00:00Z", token);
        assertThat(failed.at("/data/items/0/id").asText()).isEqualTo("exe_docs_1");
        JsonNode unknown = query.call("GET", "/v1/executions", "/v1/executions?state=failed", token);
        assertThat(unknown.get("param").asText()).isEqualTo("state");

        JsonNode counts = query.call("GET", "/v1/execution-counts", "/v1/execution-counts", token);
        assertThat(counts.at("/data/byStatus/workflow_succeeded").asLong()).isEqualTo(1);
        assertThat(counts.at("/data/byStatus/payment_confirmed").asLong()).isEqualTo(1);
        assertThat(counts.at("/data/byStatus/workflow_queued").asLong()).isEqualTo(1);
        assertThat(counts.at("/data/total").asLong()).isEqualTo(3);
        query.call("GET", "/v1/execution-counts", "/v1/execution-counts?status=x", token);

        JsonNode changes = query.call("GET", "/v1/execution-changes", "/v1/execution-changes?limit=1", token);
        assertThat(changes.at("/data/hasMore").asBoolean()).isTrue();
        String next = changes.at("/data/nextCursor").asText();
        JsonNode rest = query.call("GET", "/v1/execution-changes", "/v1/execution-changes?cursor=" + next, token);
        assertThat(rest.at("/data/items")).hasSize(2);
        assertThat(rest.at("/data/items/0/id").asText()).isNotEqualTo(changes.at("/data/items/0/id").asText());
        query.call("GET", "/v1/execution-changes", "/v1/execution-changes?cursor=nonsense", token);

        JsonNode findings = query.call("GET", "/v1/reconciliation", "/v1/reconciliation?graceMinutes=0", token);
        assertThat(findings.at("/data/items")).hasSize(1);
        assertThat(findings.at("/data/items/0/rule").asText()).isEqualTo("started_unpaid");
        assertThat(findings.at("/data/items/0/execution/id").asText()).isEqualTo("exe_docs_3");
        query.call("GET", "/v1/reconciliation", "/v1/reconciliation?rule=paid_not_queued,refunded_succeeded", token);
        query.call("GET", "/v1/reconciliation", "/v1/reconciliation?rule=unknown_rule", token);
        query.call("GET", "/v1/reconciliation", "/v1/reconciliation?cursor=nonsense", token);

        query.call("GET", "/v1/executions/{id}", "/v1/executions/exe_docs_1", token);
        query.call("GET", "/v1/executions/{id}", "/v1/executions/exe_docs_1?asOf=" + Instant.now(), token);
        query.call("GET", "/v1/executions/{id}", "/v1/executions/exe_docs_1?asOf=yesterday", token);
        query.call("GET", "/v1/executions/{id}", "/v1/executions/exe_nowhere", token);

        JsonNode history = query.call("GET", "/v1/executions/{id}/events", "/v1/executions/exe_docs_1/events?limit=100", token);
        Set<String> outcomes = new TreeSet<>();
        boolean operatorAct = false;
        for (JsonNode entry : history.at("/data/items")) {
            outcomes.add(entry.get("outcome").asText());
            operatorAct |= entry.has("operatorAct");
        }
        assertThat(outcomes).as("every kind of entry validated").containsExactly("appended", "duplicate", "rejected");
        assertThat(operatorAct).as("a re-drive's entry validated").isTrue();
        query.call("GET", "/v1/executions/{id}/events", "/v1/executions/exe_docs_1/events?offset=-1", token);
        query.call("GET", "/v1/executions/{id}/events", "/v1/executions/exe_nowhere/events", token);
    }

    @Test
    @Order(3)
    void adminEndpointsAnswerAsDocumented() throws Exception {
        String admin = TestLedger.ADMIN_TOKEN;
        query.call("GET", "/admin/tokens", "/admin/tokens", admin);
        query.call("GET", "/admin/tokens", "/admin/tokens", token);
        JsonNode issued = query.call("POST", "/admin/tokens", "/admin/tokens", admin, Map.of("Content-Type", "application/json"),
                "{\"organizationId\":\"org_docs_other\",\"name\":\"docs\"}".getBytes(StandardCharsets.UTF_8));
        query.call("POST", "/admin/tokens", "/admin/tokens", admin, Map.of("Content-Type", "application/json"),
                "{\"organizationId\":\"org docs\",\"name\":\"docs\"}".getBytes(StandardCharsets.UTF_8));
        query.call("DELETE", "/admin/tokens/{id}", "/admin/tokens/" + issued.at("/data/id").asLong(), admin);
        query.call("DELETE", "/admin/tokens/{id}", "/admin/tokens/999999", admin);

        JsonNode console = query.call("GET", "/console/settings", "/console/settings", null);
        assertThat(console.at("/data/commandSideUrl").asText()).isEqualTo("http://localhost:" + ledger.runtime().commandPort());
        query.call("GET", "/console/settings", "/console/settings?token=x", null);

        query.call("GET", "/admin/set-aside", "/admin/set-aside", admin);
        query.call("POST", "/admin/set-aside/retry", "/admin/set-aside/retry", admin);
        query.call("POST", "/admin/set-aside/{executionId}/retry", "/admin/set-aside/exe_docs_1/retry", admin);

        query.call("POST", "/admin/read-model/swap", "/admin/read-model/swap", admin);
        query.call("POST", "/admin/read-model/rebuild", "/admin/read-model/rebuild", admin);
        await().atMost(Duration.ofSeconds(60)).until(() -> query.call("GET", "/admin/read-model/rebuild",
                "/admin/read-model/rebuild", admin).at("/data/state").asText().equals("COMPARED"));
        JsonNode swapped = query.call("POST", "/admin/read-model/swap", "/admin/read-model/swap", admin);
        assertThat(swapped.at("/data/state").asText()).isEqualTo("SWAPPED");

        JsonNode digest = query.call("GET", "/admin/ledger/digest", "/admin/ledger/digest", admin);
        query.call("GET", "/admin/ledger/digest", "/admin/ledger/digest?chains=true", admin);
        JsonNode verified = query.call("POST", "/admin/ledger/verify", "/admin/ledger/verify", admin,
                Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(digest.get("data")));
        assertThat(verified.at("/data/intact").asBoolean()).isTrue();
        ObjectNode altered = digest.get("data").deepCopy();
        altered.put("digest", "0".repeat(64));
        JsonNode broken = query.call("POST", "/admin/ledger/verify", "/admin/ledger/verify", admin,
                Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(altered));
        assertThat(broken.at("/data/intact").asBoolean()).isFalse();
        query.call("POST", "/admin/ledger/verify", "/admin/ledger/verify", admin, Map.of("Content-Type", "text/plain"),
                "digest".getBytes(StandardCharsets.UTF_8));
        query.call("POST", "/admin/ledger/verify", "/admin/ledger/verify", admin, Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(4)
    void everyOperationWasCalledAndEveryEndpointIsDocumented() {
        assertThat(ingest.operationsAnswered()).isEqualTo(ingest.operations());
        assertThat(query.operationsAnswered()).isEqualTo(query.operations());
        assertThat(mapped(ledger.runtime().commandSide())).isEqualTo(ingest.operations());
        assertThat(mapped(ledger.runtime().querySide())).isEqualTo(query.operations());
    }

    @Test
    void anAnswerThatDriftedFromItsDocumentIsCaught() throws Exception {
        JsonNode page = query.call("GET", "/v1/executions", "/v1/executions", token);
        assertThat(query.errors("GET", "/v1/executions", 200, page)).isEmpty();
        ObjectNode extraField = page.deepCopy();
        ((ObjectNode) extraField.at("/data/items/0")).put("priority", "high");
        ObjectNode unknownStatus = page.deepCopy();
        ((ObjectNode) unknownStatus.at("/data/items/0")).put("status", "workflow_paused");
        ObjectNode fieldMissing = page.deepCopy();
        ((ObjectNode) fieldMissing.at("/data/items/0")).remove("runId");
        ObjectNode envelopeChanged = page.deepCopy();
        envelopeChanged.set("meta", JSON.createObjectNode());
        for (JsonNode drifted : List.of(extraField, unknownStatus, fieldMissing, envelopeChanged)) {
            assertThat(query.errors("GET", "/v1/executions", 200, drifted)).as(drifted.toString()).isNotEmpty();
        }
        ObjectNode errorWithData = JSON.createObjectNode().put("code", 400).put("message", "m").put("requestId", "r");
        errorWithData.set("data", page.get("data"));
        assertThat(query.errors("GET", "/v1/executions", 400, errorWithData)).isNotEmpty();
    }

    @Test
    void theListIsDocumentedExactlyAsTheApiPromisedIt() {
        JsonNode document = query.document();
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        JsonNode list = document.at("/paths/~1v1~1executions/get");
        Map<String, JsonNode> parameters = new HashMap<>();
        list.get("parameters").forEach(parameter -> {
            JsonNode resolved = parameter.has("$ref") ? document.at(parameter.get("$ref").asText().substring(1)) : parameter;
            parameters.put(resolved.get("name").asText(), resolved);
        });
        assertThat(parameters.keySet()).contains("limit", "offset", "cursor", "status", "minPosition");
        assertThat(parameters.get("limit").at("/schema/type").asText()).isEqualTo("integer");
        assertThat(parameters.get("limit").at("/schema/default").asInt()).isEqualTo(20);
        assertThat(parameters.get("limit").at("/schema/maximum").asInt()).isEqualTo(100);
        assertThat(parameters.get("offset").at("/schema/type").asText()).isEqualTo("integer");
        assertThat(parameters.get("offset").at("/schema/default").asInt()).isEqualTo(0);
        assertThat(list.at("/responses/400").isMissingNode()).isFalse();

        JsonNode schemas = document.at("/components/schemas");
        assertThat(names(schemas.at("/Envelope/properties"))).startsWith("code", "data", "message", "requestId")
                .containsOnly("code", "data", "message", "requestId", "error", "param");
        assertThat(schemas.at("/Envelope/required")).extracting(JsonNode::asText)
                .containsExactly("code", "data", "message", "requestId");
        assertThat(names(schemas.at("/ExecutionListAnswer/allOf/1/properties/data/properties")))
                .contains("hasMore", "items", "limit", "offset");
        assertThat(names(schemas.at("/Execution/properties"))).containsExactlyInAnyOrder("checkoutSessionId",
                "clientSafeMetadata", "createdAt", "externalRef", "finishedAt", "id", "idempotencyKey", "initiatedById",
                "initiatedByType", "orderId", "organizationId", "paymentStatus", "requestPayload", "responsePayload",
                "runId", "sourceEntityId", "sourceEntityType", "sourceSystem", "startedAt", "status", "statusReason",
                "updatedAt", "workflowId");
        assertThat(names(schemas.at("/Execution/properties"))).hasSize(23);
        List<String> statuses = new ArrayList<>();
        schemas.at("/ExecutionStatus/enum").forEach(status -> statuses.add(status.asText()));
        assertThat(statuses).containsExactly("awaiting_payment", "payment_confirmed", "workflow_queued", "workflow_running",
                "workflow_waiting", "workflow_succeeded", "workflow_failed", "workflow_cancelled");
    }

    @Test
    void eachServiceServesItsCheckedInDocument() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String service : List.of("command-side", "query-side")) {
            int port = service.equals("command-side") ? ledger.runtime().commandPort() : ledger.runtime().apiPort();
            byte[] checkedIn;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/" + service + ".yaml")) {
                checkedIn = in.readAllBytes();
            }
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/json"));
            assertThat(JSON.readTree(json.body())).isEqualTo(new YAMLMapper().readTree(checkedIn));
            HttpResponse<byte[]> yaml = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/v3/api-docs.yaml")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(yaml.body()).isEqualTo(checkedIn);
        }
    }

    private static JsonNode deliver(List<Map<String, Object>> envelopes) throws Exception {
        byte[] body = JSON.writeValueAsBytes(envelopes);
        return ingest.call("POST", "/v1/events", "/v1/events", null, signedJson(body), body);
    }

    private static Map<String, String> signedJson(byte[] body) {
        Map<String, String> headers = new HashMap<>(WebhookSigning.headers(SOURCE, SECRET, body));
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** The operations a service's controllers map, as "METHOD /path", without the error page and the document itself. */
    private static Set<String> mapped(ApplicationContext service) {
        Set<String> operations = new TreeSet<>();
        Map<RequestMappingInfo, ?> handlers = service.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class).getHandlerMethods();
        handlers.keySet().forEach(mapping -> mapping.getPatternValues().stream()
                .filter(path -> !UNDOCUMENTED.contains(path))
                .forEach(path -> mapping.getMethodsCondition().getMethods()
                        .forEach(method -> operations.add(method.name() + " " + path))));
        return operations;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
