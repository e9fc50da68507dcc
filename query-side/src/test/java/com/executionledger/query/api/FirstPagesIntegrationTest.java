package com.executionledger.query.api;

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

/** First pages answered from memory, and every change the projection commits seen on the next request. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class FirstPagesIntegrationTest {

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

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    private EventStoreAppends ledger;

    @BeforeEach
    void listening() {
        ledger = new EventStoreAppends(eventStore);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            firstPages.keep("org_probe", 1, firstPages.now(), new RawValue("{}"));
            return firstPages.current("org_probe", 1).isPresent();
        });
    }

    private void append(ExecutionEvent... events) {
        ledger.append(events);
    }

    private JsonNode firstPage(String token) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        String body = http.exchange("/v1/executions?limit=5", HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
        return json.readTree(body).get("data");
    }

    @Test
    void aFirstPageIsKeptUntilItsOrganizationChangesAndEveryChangeIsSeen() throws Exception {
        String token = tokens.create("org_first", "first pages").token();
        TestEvents one = TestEvents.of("exe_first_1", "org_first");
        append(one.created("c", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> firstPage(token).get("items").size() == 1);
        assertThat(firstPages.current("org_first", 5)).isPresent();

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
        await().atMost(Duration.ofSeconds(30)).until(() -> firstPage(token).get("items").size() >= 1);
        firstPage(token);
        assertThat(firstPages.current("org_second", 5)).isPresent();

        firstPages.changed("org_elsewhere");
        assertThat(firstPages.current("org_second", 5)).isPresent();

        long readAt = firstPages.now();
        firstPages.changed("org_second");
        firstPages.keep("org_second", 5, readAt, new RawValue("{\"stale\":true}"));
        assertThat(firstPages.current("org_second", 5)).isEmpty();
    }
}
