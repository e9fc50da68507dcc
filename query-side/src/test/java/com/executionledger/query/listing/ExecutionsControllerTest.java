package com.executionledger.query.listing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.executionledger.events.TestEvents;
import com.executionledger.lifecycle.ExecutionLifecycle;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.query.audit.ExecutionHistory;
import com.executionledger.query.audit.LedgerVerifier;
import com.executionledger.query.auth.ApiTokens;
import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionCounts;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.query.readmodel.ListFilter;
import com.executionledger.query.readmodel.ListPosition;
import com.executionledger.query.readmodel.ProjectedPosition;
import com.executionledger.query.readmodel.ReadModelRebuild;
import com.executionledger.query.readmodel.SetAsideExecutions;
import com.executionledger.query.readmodel.SetAsideRetries;
import com.executionledger.web.LedgerWebAutoConfiguration;
import com.executionledger.web.RequestRates;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The HTTP edge of the list endpoint: every validation branch, the envelope, the request id. */
@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=false")
@Import(ExecutionsControllerTest.Edge.class)
@ImportAutoConfiguration(LedgerWebAutoConfiguration.class)
class ExecutionsControllerTest {

    /** Only the web edge: the API and auth packages, without the read model behind them. */
    @Configuration
    @ComponentScan(basePackages = {"com.executionledger.query.listing", "com.executionledger.query.audit",
            "com.executionledger.query.admin", "com.executionledger.query.auth"})
    static class Edge {
        /** Slow to refill: a token's 50th request in this class is its last. */
        @Bean
        RequestRates requestRates() {
            return new RequestRates(0.001, 50);
        }

        @Bean
        java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }
    }

    private static final String TOKEN = "elt_valid-token";

    @Autowired
    MockMvc http;
    @MockitoBean
    ExecutionRows rows;
    @MockitoBean
    ApiTokens tokens;
    @MockitoBean
    ExecutionHistory history;
    @MockitoBean
    LedgerVerifier verifier;
    @MockitoBean
    ReadModelRebuild rebuild;
    @MockitoBean
    SetAsideExecutions setAside;
    @MockitoBean
    SetAsideRetries setAsideRetries;
    @MockitoBean
    ProjectedPosition projected;
    @MockitoBean
    ExecutionCounts counts;
    @MockitoBean
    OrganizationChangeListener changes; // never listening here: every answer comes from the rows mocked above

    /** Another token of the same organization, with requests of its own to spend under the rate limit. */
    private static final String FILTERING_TOKEN = "elt_filtering-token";

    @BeforeEach
    void knownToken() {
        when(tokens.organizationOf(TOKEN)).thenReturn(Optional.of(new Organization("org_acme")));
        when(tokens.organizationOf(FILTERING_TOKEN)).thenReturn(Optional.of(new Organization("org_acme")));
    }

    private ResultActions filtered(String query) throws Exception {
        return http.perform(get("/v1/executions" + query).header("Authorization", "Bearer " + FILTERING_TOKEN));
    }

    @Test
    void anUnknownParameterIsRefusedByNameNotIgnored() throws Exception {
        filtered("?limt=5").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("unknown_parameter"))
                .andExpect(jsonPath("$.param").value("limt"))
                .andExpect(jsonPath("$.message", containsString("unknown parameter 'limt': GET /v1/executions takes limit,"
                        + " offset, cursor, status, paymentStatus")));
        filtered("?status=workflow_failed&state=x&sort=y").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.param").value("state"))
                .andExpect(jsonPath("$.message", containsString("unknown parameters 'state', 'sort'")));
        verify(rows, never()).page(eq("org_acme"), org.mockito.ArgumentMatchers.any(), anyInt(), anyLong());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status=workflow_paused|status|must be one or more of awaiting_payment, payment_confirmed",
            "status=workflow_failed,|status|got ''",
            "status=workflow_failed&status=workflow_running|status|given once",
            "workflowId=|workflowId|must be one value of 1 to 255 characters",
            "createdAfter=yesterday|createdAfter|must be one ISO-8601 instant",
            "createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z|createdBefore|later than createdAfter",
            "limit=0|limit|limit must be an integer from 1 to 100",
            "cursor=garbage!|cursor|not one this API issued"})
    void aBadValueIsRefusedNamingTheParameter(String query, String param, String message) throws Exception {
        filtered("?" + query).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_parameter"))
                .andExpect(jsonPath("$.param").value(param))
                .andExpect(jsonPath("$.message", containsString(message)));
    }

    @Test
    void everyErrorSaysWhatKindItIsAndASuccessDoesNot() throws Exception {
        http.perform(get("/v1/executions")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("unauthenticated")).andExpect(jsonPath("$", not(hasKey("param"))));
        http.perform(get("/v1/nowhere").header("Authorization", "Bearer " + FILTERING_TOKEN))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.error").value("not_found"));
        when(rows.page("org_acme", 21, 0)).thenReturn(List.of(execution("exe_1")));
        filtered("").andExpect(status().isOk())
                .andExpect(jsonPath("$", not(hasKey("error")))).andExpect(jsonPath("$", not(hasKey("param"))));
    }

    @Test
    void filtersReachTheRowsAndTheirCursorOnlyPagesTheSameFilter() throws Exception {
        ListFilter failedOrCancelled = new ListFilter(new java.util.TreeSet<>(List.of("workflow_cancelled", "workflow_failed")),
                new java.util.TreeSet<>(List.of("paid", "psp_settled")), "wf_1", null, null,
                java.time.Instant.parse("2026-01-01T00:00:00Z"), null);
        when(rows.page("org_acme", failedOrCancelled, 2, 0)).thenReturn(List.of(execution("exe_2"), execution("exe_1")));
        String query = "?limit=1&status=workflow_failed,workflow_cancelled&paymentStatus=psp_settled,paid&workflowId=wf_1"
                + "&createdAfter=2026-01-01T00:00:00Z";
        String body = filtered(query).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.items[0].id").value("exe_2"))
                .andReturn().getResponse().getContentAsString();
        String cursor = com.jayway.jsonpath.JsonPath.read(body, "$.data.nextCursor");
        when(rows.pageAfter("org_acme", failedOrCancelled, new ListPosition(TestEvents.EPOCH, "exe_2"), 2))
                .thenReturn(List.of(execution("exe_1")));

        filtered(query + "&cursor=" + cursor).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.items[0].id").value("exe_1"))
                .andExpect(jsonPath("$.data.hasMore").value(false));
        filtered("?limit=1&cursor=" + cursor).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.param").value("cursor"))
                .andExpect(jsonPath("$.message", containsString("belongs to a list with other filters")));
        filtered("?limit=1&status=workflow_failed&cursor=" + cursor).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.param").value("cursor"));
    }

    private ResultActions list(String query) throws Exception {
        return http.perform(get("/v1/executions" + query).header("Authorization", "Bearer " + TOKEN));
    }

    private static ExecutionState execution(String id) {
        TestEvents events = TestEvents.of(id, "org_acme");
        return ExecutionLifecycle.derive(List.of(events.created("c", 0), events.running("r", 1))).orElseThrow();
    }

    @Test
    void defaultsToTheFirstTwentyAndSaysWhetherMoreExist() throws Exception {
        when(rows.page("org_acme", 21, 0)).thenReturn(java.util.Collections.nCopies(21, execution("exe_1")));

        list("").andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(200))
                .andExpect(jsonPath("$.message").value("success"))
                .andExpect(jsonPath("$.data.limit").value(20))
                .andExpect(jsonPath("$.data.offset").value(0))
                .andExpect(jsonPath("$.data.hasMore").value(true))
                .andExpect(jsonPath("$.data.items.length()").value(20));
    }

    @Test
    void lastPageHasNoMore() throws Exception {
        when(rows.page("org_acme", 3, 4)).thenReturn(List.of(execution("exe_1"), execution("exe_2")));

        list("?limit=2&offset=4").andExpect(status().isOk())
                .andExpect(jsonPath("$.data.hasMore").value(false))
                .andExpect(jsonPath("$.data.items.length()").value(2))
                .andExpect(jsonPath("$.data.limit").value(2))
                .andExpect(jsonPath("$.data.offset").value(4));
    }

    @Test
    void itemsCarryEveryPromisedFieldWithNullsAndObjectsAndUtcTimestamps() throws Exception {
        when(rows.page("org_acme", 2, 0)).thenReturn(List.of(execution("exe_1")));

        ResultActions answer = list("?limit=1").andExpect(status().isOk());
        for (String field : List.of("checkoutSessionId", "clientSafeMetadata", "createdAt", "externalRef", "finishedAt",
                "id", "idempotencyKey", "initiatedById", "initiatedByType", "orderId", "organizationId", "paymentStatus",
                "requestPayload", "responsePayload", "runId", "sourceEntityId", "sourceEntityType", "sourceSystem",
                "startedAt", "status", "statusReason", "updatedAt", "workflowId")) {
            answer.andExpect(jsonPath("$.data.items[0]", hasKey(field)));
        }
        answer.andExpect(jsonPath("$.data.items[0].status").value("workflow_running"))
                .andExpect(jsonPath("$.data.items[0].finishedAt").value(nullValue()))
                .andExpect(jsonPath("$.data.items[0].requestPayload.input").value("x"))
                .andExpect(jsonPath("$.data.items[0].createdAt").value("2026-11-28T10:00:00Z"))
                .andExpect(jsonPath("$.data.items[0].startedAt").value("2026-11-28T10:00:01Z"));
    }

    @ParameterizedTest(name = "limit={0}")
    @CsvSource(value = {"0", "101", "-1", "abc", "1.5", "''", "99999999999999999999", "' 5'", "+5", "0x10"})
    void rejectsAnyLimitOutsideOneToAHundred(String limit) throws Exception {
        list("?limit=" + limit).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(400))
                .andExpect(jsonPath("$.data").value(nullValue()))
                .andExpect(jsonPath("$.message", containsString("limit must be an integer from 1 to 100")))
                .andExpect(jsonPath("$.requestId").isString());
        verify(rows, never()).page(eq("org_acme"), anyInt(), anyLong());
    }

    @ParameterizedTest(name = "offset={0}")
    @CsvSource(value = {"-1", "abc", "1.5", "''", "99999999999999999999", "10001"})
    void rejectsAnyOffsetOutsideZeroToTenThousand(String offset) throws Exception {
        list("?offset=" + offset).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.data").value(nullValue()))
                .andExpect(jsonPath("$.message", containsString("offset must be an integer from 0 to 10000")));
    }

    @Test
    void aTooDeepOffsetPointsToTheCursor() throws Exception {
        list("?offset=50000").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("offset must be an integer from 0 to 10000; got 50000; "
                        + "to page deeper, pass cursor=<data.nextCursor> of the previous page"));
    }

    @Test
    void aPageWithMoreGivesTheCursorOfItsLastItemAndTheCursorPagesOnFromThere() throws Exception {
        when(rows.page("org_acme", 3, 0)).thenReturn(List.of(execution("exe_3"), execution("exe_2"), execution("exe_1")));
        String body = list("?limit=2").andExpect(status().isOk())
                .andExpect(jsonPath("$.data.nextCursor").isString())
                .andReturn().getResponse().getContentAsString();
        String cursor = com.jayway.jsonpath.JsonPath.read(body, "$.data.nextCursor");
        when(rows.pageAfter("org_acme", new ListPosition(TestEvents.EPOCH, "exe_2"), 3)).thenReturn(List.of(execution("exe_1")));

        list("?limit=2&cursor=" + cursor).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.items[0].id").value("exe_1"))
                .andExpect(jsonPath("$.data.hasMore").value(false))
                .andExpect(jsonPath("$.data.nextCursor").value(nullValue()));
    }

    @ParameterizedTest(name = "cursor={0}")
    @CsvSource(value = {"garbage!", "''", "MTIz"})
    void rejectsACursorItDidNotIssue(String cursor) throws Exception {
        list("?cursor=" + cursor).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("cursor is not one this API issued")));
    }

    @Test
    void rejectsACursorWithAnOffset() throws Exception {
        list("?cursor=MTIzOmV4ZV8x&offset=5").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("cursor must be given once, and without offset"));
    }

    @Test
    void rejectsARepeatedParameter() throws Exception {
        list("?limit=5&limit=6").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("limit must be an integer from 1 to 100, given once"));
        list("?offset=1&offset=1").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("offset must be an integer from 0 to 10000, given once")));
    }

    @Test
    void missingTokenIsUnauthorizedInTheEnvelope() throws Exception {
        http.perform(get("/v1/executions")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value(401))
                .andExpect(jsonPath("$.data").value(nullValue()))
                .andExpect(jsonPath("$.message", containsString("missing bearer token")));
    }

    @Test
    void aBrowserWithoutATokenGetsTheJson401WithItsSchemeAndTheSecurityHeaders() throws Exception {
        for (String accept : List.of("text/html", "application/xml", "*/*")) {
            http.perform(get("/v1/executions").header("Accept", accept))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("Content-Type", containsString("application/json")))
                    .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"execution-ledger\""))
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(jsonPath("$.code").value(401));
        }
    }

    @Test
    void aTokenOverItsRateIsAnswered429WithRetryAfterWhileOtherTokensGoOn() throws Exception {
        when(tokens.organizationOf("elt_busy")).thenReturn(Optional.of(new Organization("org_acme")));
        when(rows.page("org_acme", 21, 0)).thenReturn(List.of());
        for (int i = 0; i < 50; i++) {
            http.perform(get("/v1/executions").header("Authorization", "Bearer elt_busy")).andExpect(status().isOk());
        }

        http.perform(get("/v1/executions").header("Authorization", "Bearer elt_busy"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1000"))
                .andExpect(jsonPath("$.code").value(429))
                .andExpect(jsonPath("$.message", containsString("at most 0.001 per second (bursts of 50) per caller")))
                .andExpect(jsonPath("$.requestId").isNotEmpty());
        list("").andExpect(status().isOk());
    }

    @Test
    void aBrowserWithATokenGetsJsonToo() throws Exception {
        when(rows.page("org_acme", 21, 0)).thenReturn(List.of());

        http.perform(get("/v1/executions").header("Authorization", "Bearer " + TOKEN).header("Accept", "text/html"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("application/json")))
                .andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void anAsOfOutsideTheLedgersTimeIsABadRequestNotAFailure() throws Exception {
        for (String asOf : List.of("-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "1999-12-31T23:59:59Z")) {
            http.perform(get("/v1/executions/exe_1").param("asOf", asOf).header("Authorization", "Bearer " + TOKEN))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value("asOf must be from 2000-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
        }
    }

    @Test
    void aCursorCarryingANulOrAnIdNoExecutionCanHaveIsRefused() throws Exception {
        for (String id : List.of("a\u0000b", "a/b", "x".repeat(129))) {
            String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("1795911555043000:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            list("?cursor=" + cursor).andExpect(status().isBadRequest());
        }
    }

    @Test
    void aHistoryOffsetIsBoundedAsTheListsIs() throws Exception {
        http.perform(get("/v1/executions/exe_1/events").param("offset", "99999999").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("offset must be an integer from 0 to 10000")));
    }

    @Test
    void twoAuthorizationHeadersAreUnauthorizedWhicheverComesFirst() throws Exception {
        when(tokens.organizationOf("elt_other-token")).thenReturn(Optional.of(new Organization("org_other")));

        for (String second : List.of("Bearer elt_bogus", "Bearer elt_other-token")) {
            http.perform(get("/v1/executions").header("Authorization", "Bearer " + TOKEN, second))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.message").value("more than one Authorization header: send exactly one"));
        }
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        when(rows.page("org_acme", 21, 0)).thenReturn(List.of());

        for (String scheme : List.of("bearer", "BEARER", "BeArEr")) {
            http.perform(get("/v1/executions").header("Authorization", scheme + " " + TOKEN)).andExpect(status().isOk());
        }
    }

    @Test
    void malformedAuthorizationIsUnauthorized() throws Exception {
        http.perform(get("/v1/executions").header("Authorization", "Basic dXNlcjpwYXNz"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", containsString("malformed Authorization header")));
    }

    @Test
    void unknownTokenIsUnauthorized() throws Exception {
        http.perform(get("/v1/executions").header("Authorization", "Bearer elt_nobody"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("unknown or revoked token"));
    }

    @Test
    void unknownPathIsNotFoundInTheEnvelope() throws Exception {
        http.perform(get("/v1/nothing-here").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value(404))
                .andExpect(jsonPath("$.data").value(nullValue()));
    }

    @Test
    void wrongMethodIsAnEnvelopeToo() throws Exception {
        http.perform(post("/v1/executions").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value(405));
    }

    @Test
    void failureInsideAnswers500WithoutStackTraceClassNameOrSql() throws Exception {
        when(rows.page("org_acme", 21, 0)).thenThrow(new IllegalStateException("SELECT id FROM executions: no such column"));

        list("").andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value(500))
                .andExpect(jsonPath("$.message").value("internal error; quote the requestId when reporting it"))
                .andExpect(jsonPath("$", not(hasKey("trace"))));
    }

    @Test
    void theDatabaseAwayAnswers503WithRetryAfterAndNoSql() throws Exception {
        when(rows.page("org_acme", 21, 0)).thenThrow(new org.springframework.dao.DataAccessResourceFailureException(
                "SELECT id FROM executions: connection refused"));

        list("").andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.code").value(503))
                .andExpect(jsonPath("$.message").value("the ledger's database is not answering; retry"));
    }

    @Test
    void echoesASaneRequestId() throws Exception {
        when(rows.page("org_acme", 21, 0)).thenReturn(List.of());

        http.perform(get("/v1/executions").header("Authorization", "Bearer " + TOKEN).header("X-Request-Id", "abc-123"))
                .andExpect(header().string("X-Request-Id", "abc-123"))
                .andExpect(jsonPath("$.requestId").value("abc-123"));
    }

    @Test
    void replacesAnInsaneRequestId() throws Exception {
        http.perform(get("/v1/executions").header("X-Request-Id", "<script>" + "x".repeat(300)))
                .andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.requestId", matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void oneExecutionOfAnotherOrganizationIsNotFound() throws Exception {
        when(rows.find("org_acme", "exe_theirs")).thenReturn(Optional.empty());

        http.perform(get("/v1/executions/exe_theirs").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value(404))
                .andExpect(jsonPath("$.message").value("no execution 'exe_theirs'"));
    }

    @ParameterizedTest(name = "asOf={0}")
    @CsvSource(value = {"yesterday", "2026-13-01T00:00:00Z", "''", "1700000000"})
    void rejectsAnAsOfThatIsNotAnInstant(String asOf) throws Exception {
        http.perform(get("/v1/executions/exe_1?asOf=" + asOf).header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("asOf must be one ISO-8601 instant such as 2026-11-28T10:15:30Z;"
                        + " got '" + asOf + "'"))
                .andExpect(jsonPath("$.param").value("asOf"));
    }

    @Test
    void historyOfAnExecutionNotOwnedIsNotFound() throws Exception {
        when(history.of("org_acme", "exe_theirs")).thenReturn(Optional.empty());

        http.perform(get("/v1/executions/exe_theirs/events").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isNotFound());
    }

    @Test
    void adminEndpointsRefuseClientTokensAndAreOffWithoutAnAdminCredential() throws Exception {
        http.perform(get("/admin/tokens").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("admin operations are disabled: set LEDGER_ADMIN_TOKEN"));
    }
}
