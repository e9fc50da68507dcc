package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.executionledger.query.audit.LedgerCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What auditors get: one execution now and as of an instant, its history, and tamper evidence. */
class AuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestEvents ACME = TestEvents.of("exe_audit", "org_acme");

    private static TestLedger ledger;
    private static String acmeToken;
    private static String otherToken;
    private static Instant paymentFailureArrived;

    @BeforeAll
    static void ingestAHistory() throws Exception {
        ledger = TestLedger.start("audit");
        acmeToken = ledger.tokenFor("org_acme");
        otherToken = ledger.tokenFor("org_other");

        publish(ACME.created("c", 0), ACME.paymentFailed("f", 1, "card_declined"));
        await().atMost(Duration.ofSeconds(30)).until(() -> history("").at("/data/items").size() == 2);
        paymentFailureArrived = Instant.parse(history("").at("/data/items/1/arrivedAt").asText());
        publish(ACME.paymentConfirmed("p", 2), ACME.paymentConfirmed("p", 2),
                ACME.inOrganization("org_intruder").succeeded("x", 3),
                ACME.running("r", 4), ACME.succeeded("s", 5), ACME.running("r2", 6));
        await().atMost(Duration.ofSeconds(30)).until(() -> history("").at("/data/items").size() == 8);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(acmeToken, "/v1/executions/exe_audit").body()
                .contains("\"status\":\"workflow_succeeded\""));
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static void publish(ExecutionEvent... events) throws Exception {
        ledger.publish(List.of(events));
    }

    private static HttpResponse<String> get(String token, String path) throws Exception {
        return ledger.api().get(token, path);
    }

    private static JsonNode history(String query) throws Exception {
        return ledger.api().json(acmeToken, "/v1/executions/exe_audit/events" + query);
    }

    private static JsonNode admin(String method, String path, String body) throws Exception {
        return ledger.api().admin(method, path, body);
    }

    @Test
    void oneExecutionInTheListShapeAndNotFoundForAnyoneElse() throws Exception {
        JsonNode one = ledger.api().json(acmeToken, "/v1/executions/exe_audit");
        JsonNode listed = ledger.api().json(acmeToken, "/v1/executions").at("/data/items/0");

        assertThat(one.get("code").asInt()).isEqualTo(200);
        assertThat(one.get("data")).isEqualTo(listed);
        assertThat(one.at("/data/status").asText()).isEqualTo("workflow_succeeded");

        HttpResponse<String> foreign = get(otherToken, "/v1/executions/exe_audit");
        HttpResponse<String> unknown = get(otherToken, "/v1/executions/exe_nowhere");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(foreign.body()).get("message").asText()).isEqualTo("no execution 'exe_audit'");
        assertThat(get(otherToken, "/v1/executions/exe_audit/events").statusCode()).isEqualTo(404);
    }

    @Test
    void asOfAnInstantShowsTheStateTheLedgerKnewThen() throws Exception {
        String asOf = URLEncoder.encode(paymentFailureArrived.toString(), StandardCharsets.UTF_8);
        JsonNode then = ledger.api().json(acmeToken, "/v1/executions/exe_audit?asOf=" + asOf);

        assertThat(then.at("/data/status").asText()).isEqualTo("awaiting_payment");
        assertThat(then.at("/data/paymentStatus").asText()).isEqualTo("failed");
        assertThat(then.at("/data/statusReason").asText()).isEqualTo("card_declined");
        assertThat(get(acmeToken, "/v1/executions/exe_audit?asOf=2020-01-01T00:00:00Z").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get(acmeToken, "/v1/executions/exe_audit?asOf=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText()).startsWith("asOf must be one ISO-8601 instant");
    }

    /** Rule 9: a re-drive is in the history as one, with when, which admin credential, and the original bytes. */
    @Test
    void aRedriveShowsInTheHistoryWithWhoWhenAndTheOriginalBytes() throws Exception {
        TestEvents redriven = TestEvents.of("exe_audit_redrive", "org_other"); // org_acme's list stays as the other tests expect
        String typo = new String(new EnvelopeWriter().write(redriven.queued("redrive.q", 1)), StandardCharsets.UTF_8)
                .replace("workflow_queued", "workflow_qeued");
        ledger.publish(List.of(redriven.created("redrive.c", 0)));
        ledger.publishRaw("exe_audit_redrive", typo.getBytes(StandardCharsets.UTF_8));
        ApiClient commandSide = new ApiClient(ledger.runtime().commandPort(), TestLedger.ADMIN_TOKEN);
        long[] letter = new long[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode open : commandSide.admin("GET", "/admin/dead-letters", null).get("data")) {
                if ("redrive.q".equals(open.get("eventId").asText())) {
                    letter[0] = open.get("id").asLong();
                    return true;
                }
            }
            return false;
        });

        JsonNode answer = commandSide.admin("POST", "/admin/dead-letters/" + letter[0] + "/redrive",
                typo.replace("workflow_qeued", "workflow_queued"));
        assertThat(answer.at("/data/outcome").asText()).isEqualTo("appended");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.api().json(otherToken, "/v1/executions/exe_audit_redrive/events")
                .at("/data/items").size() == 3);

        JsonNode items = ledger.api().json(otherToken, "/v1/executions/exe_audit_redrive/events").at("/data/items");
        assertThat(items.findValuesAsText("outcome")).containsExactly("appended", "rejected", "appended");
        assertThat(items.get(1).has("operatorAct")).isFalse();
        JsonNode act = items.get(2).get("operatorAct");
        assertThat(act.get("act").asText()).isEqualTo("redrive with a corrected body");
        assertThat(act.get("deadLetterId").asLong()).isEqualTo(letter[0]);
        assertThat(act.get("by").asText()).matches("admin:[0-9a-f]{12}");
        assertThat(Instant.parse(act.get("at").asText())).isAfterOrEqualTo(Instant.parse(items.get(1).get("arrivedAt").asText()));
        assertThat(new String(Base64.getDecoder().decode(act.get("originalPayload").asText()), StandardCharsets.UTF_8))
                .isEqualTo(typo);
    }

    @Test
    void tokenAdministrationRefusesWhatItCannotHoldWithA400() throws Exception {
        assertThat(admin("DELETE", "/admin/tokens/abc", null).get("code").asInt()).isEqualTo(400);
        assertThat(admin("POST", "/admin/tokens", "{\"organizationId\":\"" + "o".repeat(300) + "\",\"name\":\"n\"}")
                .get("message").asText()).isEqualTo("organizationId is 300 characters, over the limit of 128");
        assertThat(admin("POST", "/admin/tokens", "{\"organizationId\":\"org\\u0000x\",\"name\":\"n\"}")
                .get("code").asInt()).isEqualTo(400);
        assertThat(admin("POST", "/admin/tokens", "{\"organizationId\":\"org_x\",\"name\":\"" + "n".repeat(5_000) + "\"}")
                .get("message").asText()).isEqualTo("name is 5000 characters, over the limit of 255");
        assertThat(admin("POST", "/admin/tokens", null).get("code").asInt()).isEqualTo(400);
    }

    @Test
    void aFailedRebuildSaysSoWithoutTheStatement() throws Exception {
        JdbcTemplate jdbc = ledger.runtime().querySide().getBean(JdbcTemplate.class);
        jdbc.execute("CREATE VIEW executions_shadow AS SELECT 1 AS one"); // DROP TABLE on a view fails
        try {
            admin("POST", "/admin/read-model/rebuild", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin("GET", "/admin/read-model/rebuild", null)
                    .at("/data/state").asText().equals("RUNNING"));
            JsonNode failed = admin("GET", "/admin/read-model/rebuild", null);

            assertThat(failed.at("/data/state").asText()).isEqualTo("FAILED");
            assertThat(failed.get("message").asText()).isEqualTo("the rebuild failed: see data.error");
            assertThat(failed.at("/data/error").asText()).startsWith("the rebuild stopped on ")
                    .doesNotContain("executions_shadow").doesNotContain("DROP");
        } finally {
            jdbc.execute("DROP VIEW executions_shadow");
        }
    }

    @Test
    void historyShowsEveryArrivalInOrderWithWhatItDid() throws Exception {
        JsonNode items = history("?limit=100").at("/data/items");

        assertThat(items.findValuesAsText("outcome")).containsExactly(
                "appended", "appended", "appended", "duplicate", "rejected", "appended", "appended", "appended");
        assertThat(items.get(0).at("/envelope/type").asText()).isEqualTo("execution_created");
        assertThat(items.get(0).get("effect").asText()).isEqualTo("listed the execution with status awaiting_payment");
        assertThat(items.get(2).get("effect").asText()).startsWith("changed status awaiting_payment -> payment_confirmed");
        assertThat(items.get(2).at("/envelope/data/orderId").asText()).isEqualTo("ord_p");
        assertThat(items.get(3).get("effect").asText())
                .isEqualTo("changed nothing: a redelivery of the event at ledger position " + items.get(2).get("position").asLong());
        assertThat(items.get(4).get("effect").asText()).isEqualTo("organizationId 'org_intruder' does not own execution 'exe_audit'");
        assertThat(items.get(4).get("envelope").has("data")).isFalse();
        assertThat(items.get(7).get("effect").asText()).isEqualTo("ignored: the execution had already reached workflow_succeeded");
        assertThat(items.get(0).get("position").asLong()).isLessThan(items.get(1).get("position").asLong());
        assertThat(Instant.parse(items.get(2).get("arrivedAt").asText())).isAfter(paymentFailureArrived);
    }

    @Test
    void historyIsPaginated() throws Exception {
        JsonNode first = history("?limit=3");
        JsonNode last = history("?limit=3&offset=6");

        assertThat(first.at("/data/items").size()).isEqualTo(3);
        assertThat(first.at("/data/hasMore").asBoolean()).isTrue();
        assertThat(last.at("/data/items").size()).isEqualTo(2);
        assertThat(last.at("/data/hasMore").asBoolean()).isFalse();
        assertThat(get(acmeToken, "/v1/executions/exe_audit/events?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void adminOperationsRefuseClientTokens() throws Exception {
        assertThat(get(acmeToken, "/admin/ledger/digest").statusCode()).isEqualTo(401);
        assertThat(get(acmeToken, "/admin/tokens").statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/admin/tokens", null).at("/data").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void verifyCatchesAnEventEditedInPostgresAndNamesTheFirstBrokenLink() throws Exception {
        JsonNode digest = admin("GET", "/admin/ledger/digest", null).get("data");
        String kept = "{\"digest\":\"" + digest.get("digest").asText() + "\",\"position\":" + digest.get("position").asLong() + "}";
        assertThat(admin("POST", "/admin/ledger/verify", kept).at("/data/intact").asBoolean()).isTrue();

        JdbcTemplate jdbc = ledger.runtime().commandSide().getBean(JdbcTemplate.class);
        long edited = jdbc.queryForObject("""
                SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = 'exe_audit'
                AND payload_type LIKE '%PaymentConfirmed'""", Long.class);
        jdbc.update("""
                UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'ord_p', 'ord_q'), 'UTF8')
                WHERE global_index = ?""", edited);

        JsonNode verification = admin("POST", "/admin/ledger/verify", kept).get("data");
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.at("/firstBrokenLink/position").asLong()).isEqualTo(edited);
        assertThat(verification.at("/firstBrokenLink/executionId").asText()).isEqualTo("exe_audit");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = LedgerCommand.run(ledger.runtime().querySide().getBean(DataSource.class), new String[] {"ledger", "verify",
                "--digest", digest.get("digest").asText(), "--position", digest.get("position").asText()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("NOT INTACT: first broken link at position " + edited);

        jdbc.update("""
                UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'ord_q', 'ord_p'), 'UTF8')
                WHERE global_index = ?""", edited);
        assertThat(admin("POST", "/admin/ledger/verify", kept).at("/data/intact").asBoolean()).isTrue();
    }

    /**
     * A digest kept with its chains locates each edit made in PostgreSQL behind the ledger's back: a
     * timestamp changed, two executions' events swapped in the ledger, the last event of a chain
     * deleted, a whole chain deleted. Each edit is undone before the next.
     */
    @Test
    void aDigestKeptWithItsChainsLocatesEachEdit() throws Exception {
        TestEvents a = TestEvents.of("exe_tamper_a", "org_tamper");
        TestEvents b = TestEvents.of("exe_tamper_b", "org_tamper");
        publish(a.created("ta1", 0), a.running("ta2", 1), a.succeeded("ta3", 2));
        publish(b.created("tb1", 0), b.running("tb2", 1));
        JdbcTemplate jdbc = ledger.runtime().commandSide().getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE 'exe_tamper_%'", Long.class) == 5);
        String kept = admin("GET", "/admin/ledger/digest?chains=true", null).toString();
        assertThat(admin("POST", "/admin/ledger/verify", kept).at("/data/intact").asBoolean()).isTrue();
        jdbc.execute("CREATE TABLE tamper_saved AS SELECT * FROM domain_event_entry WHERE aggregate_identifier LIKE 'exe_tamper_%'");
        Runnable undo = () -> {
            jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier LIKE 'exe_tamper_%'");
            jdbc.update("INSERT INTO domain_event_entry SELECT * FROM tamper_saved");
        };
        long a1 = position(jdbc, "exe_tamper_a", 1);
        long b1 = position(jdbc, "exe_tamper_b", 1);
        try {
            jdbc.update("UPDATE domain_event_entry SET time_stamp = '2026-01-01T00:00:00.000Z' WHERE global_index = ?", a1);
            JsonNode retimed = onlyDifference(kept);
            assertThat(retimed.get("executionId").asText()).isEqualTo("exe_tamper_a");
            assertThat(retimed.get("sequence").asLong()).isEqualTo(1);
            assertThat(retimed.get("problem").asText()).startsWith("stored arrival time 2026-01-01T00:00:00Z is not the one its link covers");
            undo.run();

            jdbc.update("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", a1);
            jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", a1, b1);
            jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", b1);
            JsonNode swapped = verification(kept);
            assertThat(swapped.get("intact").asBoolean()).isFalse();
            List<String> moved = new ArrayList<>();
            swapped.get("differences").forEach(d -> moved.add(d.get("executionId").asText() + "#" + d.get("sequence").asLong()
                    + " at " + d.get("position").asLong()));
            assertThat(moved).containsExactly("exe_tamper_a#1 at " + b1, "exe_tamper_b#1 at " + a1);
            assertThat(swapped.at("/differences/0/problem").asText()).isEqualTo("at ledger position " + b1 + " now, at " + a1
                    + " in the digest: moved");
            undo.run();

            jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'exe_tamper_a' AND sequence_number = 2");
            JsonNode cutShort = onlyDifference(kept);
            assertThat(cutShort.get("executionId").asText()).isEqualTo("exe_tamper_a");
            assertThat(cutShort.get("sequence").asLong()).isEqualTo(2);
            assertThat(cutShort.get("problem").asText()).isEqualTo("events #2 to #2 are missing: the digest has 3 events, the ledger 2");
            undo.run();

            jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'exe_tamper_b'");
            JsonNode removed = onlyDifference(kept);
            assertThat(removed.get("executionId").asText()).isEqualTo("exe_tamper_b");
            assertThat(removed.get("sequence").isNull()).isTrue();
            assertThat(removed.get("problem").asText()).startsWith("the whole chain is missing: the digest has 2 events");
            undo.run();

            assertThat(verification(kept).get("intact").asBoolean()).isTrue();
        } finally {
            undo.run();
            jdbc.execute("DROP TABLE tamper_saved");
        }
    }

    private static long position(JdbcTemplate jdbc, String executionId, int sequence) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class, executionId, sequence);
    }

    private static JsonNode verification(String kept) throws Exception {
        return admin("POST", "/admin/ledger/verify", kept).get("data");
    }

    private static JsonNode onlyDifference(String kept) throws Exception {
        JsonNode verification = verification(kept);
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("differences").size()).as(verification.toString()).isEqualTo(1);
        return verification.get("differences").get(0);
    }
}
