package com.executionledger.query.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.EventStoreAppends;
import com.executionledger.query.QuerySideApplication;
import com.executionledger.query.auth.ApiTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the list keeps between requests (first pages, offset landmarks), and every change the
 * projection commits seen on the next request all the same.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class KeptReadsIntegrationTest {

    private static final TestDatabaseAndBroker INFRA = TestDatabaseAndBroker.fresh("first_pages");

    @Autowired
    EventStore eventStore;
    @Autowired
    ApiTokens tokens;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    FirstPages firstPages;
    @Autowired
    OrganizationChangeListener changes;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    private EventStoreAppends ledger;

    @BeforeEach
    void listening() {
        ledger = new EventStoreAppends(eventStore);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            firstPages.keep("org_probe", 1, firstPages.now(), new FirstPages.FirstPage(new RawValue("{}"), 0));
            return firstPages.current("org_probe", 1).isPresent();
        });
    }

    private void append(ExecutionEvent... events) {
        ledger.append(events);
    }

    private JsonNode firstPage(String token) throws Exception {
        return list(token, "?limit=5");
    }

    private JsonNode list(String token, String query) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        String body = http.exchange("/v1/executions" + query, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
        return json.readTree(body).get("data");
    }

    private List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void aFirstPageIsKeptUntilItsOrganizationChangesAndEveryChangeIsSeen() throws Exception {
        String token = tokens.create("org_first", "first pages").token();
        TestEvents one = TestEvents.of("exe_first_1", "org_first");
        append(one.created("c", 1));
        // kept by the first read after the projection's notice of the change is heard (one read may
        // come between the commit and its notice: that page is answered, not kept)
        await().atMost(Duration.ofSeconds(30)).until(() -> firstPage(token).get("items").size() == 1
                && firstPages.current("org_first", 5).isPresent());

        append(one.paymentConfirmed("p", 2));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                firstPage(token).at("/items/0/status").asText().equals("payment_confirmed"));

        TestEvents two = TestEvents.of("exe_first_2", "org_first");
        append(two.created("c", 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> firstPage(token).get("items").size() == 2);
        JsonNode page = firstPage(token);
        assertThat(page.at("/items/0/id").asText()).isEqualTo("exe_first_2");
        assertThat(page.at("/items/1/status").asText()).isEqualTo("payment_confirmed");
        assertThat(page.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void anotherOrganizationsChangeLeavesAPageCurrentAndNothingIsKeptAcrossAChangeHeardMeanwhile() throws Exception {
        String token = tokens.create("org_second", "first pages").token();
        TestEvents mine = TestEvents.of("exe_second", "org_second");
        append(mine.created("c", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> firstPage(token).get("items").size() >= 1
                && firstPages.current("org_second", 5).isPresent());

        changes.changed("org_elsewhere");
        assertThat(firstPages.current("org_second", 5)).isPresent();

        long readAt = firstPages.now();
        changes.changed("org_second");
        firstPages.keep("org_second", 5, readAt, new FirstPages.FirstPage(new RawValue("{\"stale\":true}"), 0));
        assertThat(firstPages.current("org_second", 5)).isEmpty();
    }

    @Test
    void anOffsetPageWalksFromItsLandmarkAndMovesWithEveryChange() throws Exception {
        String token = tokens.create("org_deep", "offsets").token();
        int executions = 2 * OffsetLandmarks.SPACING + 100;
        for (int i = 0; i < executions; i++) {
            append(TestEvents.of("exe_deep_" + i, "org_deep").created("c" + i, i)); // newest is exe_deep_2099
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids(list(token, "?limit=5&offset=2099")).equals(List.of("exe_deep_0")));

        for (int asked = 0; asked < 2; asked++) { // the second answer walks from the landmark the first one kept
            assertThat(ids(list(token, "?limit=3&offset=1999"))).containsExactly("exe_deep_100", "exe_deep_99", "exe_deep_98");
            assertThat(ids(list(token, "?limit=2&offset=1000"))).containsExactly("exe_deep_1099", "exe_deep_1098");
            assertThat(ids(list(token, "?limit=2&offset=999"))).containsExactly("exe_deep_1100", "exe_deep_1099");
        }
        JsonNode last = list(token, "?limit=100&offset=2000");
        assertThat(ids(last)).hasSize(100).startsWith("exe_deep_99").endsWith("exe_deep_0");
        assertThat(last.get("hasMore").asBoolean()).isFalse();
        assertThat(ids(list(token, "?limit=3&offset=3000"))).isEmpty();

        append(TestEvents.of("exe_deep_newest", "org_deep").created("c_newest", executions));
        // every row moved one place down: a landmark kept from before would answer exe_deep_100 first
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(list(token, "?limit=3&offset=1999"))
                .equals(List.of("exe_deep_101", "exe_deep_100", "exe_deep_99")));
        assertThat(ids(list(token, "?limit=1&offset=1000"))).containsExactly("exe_deep_1100");
    }
}
