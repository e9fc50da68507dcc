package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.query.readmodel.ExecutionRows;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rule 3 as a property: for random histories delivered in random orders with duplicates, through
 * Kafka, the real event store and the projection, every listed row equals the contract model's,
 * and the ledger holds each accepted event exactly once.
 */
class ConvergencePropertyTest {

    /** The executions as the read model holds them, without their places in the change feed (stamped anew by a replay). */
    private static final String EVERY_EXECUTION = "SELECT " + String.join(", ", ExecutionRows.executionColumns())
            + " FROM executions ORDER BY id";

    static final int HISTORIES = 40;
    static final int PERMUTATIONS = 5;
    private static final long SEED = 20261128L;

    private static TestLedger ledger;
    private static final Map<String, List<ExecutionEvent>> deliveries = new HashMap<>();
    private static final Map<String, String> tokenByOrganization = new HashMap<>();

    @BeforeAll
    static void deliverEveryPermutation() throws Exception {
        ledger = TestLedger.start("property");
        List<ExecutionEvent> published = new ArrayList<>();
        Random random = new Random(SEED);
        for (int history = 0; history < HISTORIES; history++) {
            long historySeed = SEED + history;
            for (int permutation = 0; permutation < PERMUTATIONS; permutation++) {
                String executionId = "exe_h%02d_p%d".formatted(history, permutation);
                List<ExecutionEvent> delivered =
                        RandomHistories.delivery(RandomHistories.history(historySeed, executionId), random);
                deliveries.put(executionId, delivered);
                published.addAll(delivered);
            }
        }
        ledger.publish(published);
        for (String organization : List.of("org_prop_0", "org_prop_1", "org_prop_2", RandomHistories.FOREIGN_ORGANIZATION)) {
            tokenByOrganization.put(organization, ledger.tokenFor(organization));
        }
        System.out.printf("Property test: %d histories x %d delivery orders = %d executions, %d events published%n",
                HISTORIES, PERMUTATIONS, deliveries.size(), published.size());
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    /** Waits until the API lists exactly the model's rows (everything ingested and projected), at most two minutes. */
    private static Map<String, Map<String, Object>> listedOnceCaughtUp() throws Exception {
        return LedgerChecks.awaitListed(ledger.api(), tokenByOrganization.values(), LedgerChecks.expectedItems(deliveries), 120);
    }

    @Test
    void everyRowEqualsTheContractModelWhateverTheDeliveryOrder() throws Exception {
        Map<String, Map<String, Object>> expected = LedgerChecks.expectedItems(deliveries);

        Map<String, Map<String, Object>> actual = listedOnceCaughtUp();

        assertThat(expected.size()).as("listed executions in the model").isGreaterThan(HISTORIES * PERMUTATIONS / 2);
        assertThat(actual).containsOnlyKeys(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as(id + " delivered as " + LedgerChecks.describe(deliveries.get(id))).isEqualTo(expected.get(id));
        }
        assertThat(LedgerChecks.listedItems(ledger.api(), List.of(tokenByOrganization.get(RandomHistories.FOREIGN_ORGANIZATION))))
                .as("the intruder sees nothing").isEmpty();
    }

    @Test
    void permutationsOfOneHistoryConvergeOnOneRow() {
        Map<String, Map<String, Object>> expected = LedgerChecks.expectedItems(deliveries);
        for (int history = 0; history < HISTORIES; history++) {
            Set<Map<String, Object>> rows = new HashSet<>();
            for (int permutation = 0; permutation < PERMUTATIONS; permutation++) {
                Map<String, Object> row = expected.get("exe_h%02d_p%d".formatted(history, permutation));
                if (row != null) {
                    Map<String, Object> withoutId = new TreeMap<>(row);
                    withoutId.remove("id");
                    rows.add(withoutId);
                }
            }
            assertThat(rows).as("history " + history).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void theLedgerHoldsEachAcceptedEventExactlyOnce() throws Exception {
        JdbcTemplate jdbc = ledger.runtime().commandSide().getBean(JdbcTemplate.class);
        assertThat(listedOnceCaughtUp()).as("everything ingested").isEqualTo(LedgerChecks.expectedItems(deliveries));
        LedgerChecks.assertEachAcceptedEventStoredOnce(jdbc, deliveries);
    }

    @Test
    void aRebuildIntoTheShadowTableEqualsTheLiveProjectionAndSwapsIn() throws Exception {
        assertThat(listedOnceCaughtUp()).as("the live projection caught up").isEqualTo(LedgerChecks.expectedItems(deliveries));
        JdbcTemplate jdbc = ledger.runtime().querySide().getBean(JdbcTemplate.class);
        List<Map<String, Object>> liveBefore = jdbc.queryForList(EVERY_EXECUTION);
        List<String> indexesBefore = jdbc.queryForList(INDEXES, String.class);

        admin("POST", "/admin/read-model/rebuild");
        JsonNode progress = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin("GET", "/admin/read-model/rebuild"), answer -> !answer.at("/data/state").asText().equals("RUNNING"));

        assertThat(progress.at("/data/state").asText()).isEqualTo("COMPARED");
        assertThat(progress.at("/data/eventsRead").asLong()).isEqualTo(progress.at("/data/eventsTotal").asLong()).isPositive();
        assertThat(progress.at("/data/comparison/differences").asLong()).as(progress.toString()).isZero();
        assertThat(progress.at("/data/comparison/shadowRows").asLong()).isEqualTo(liveBefore.size());

        assertThat(admin("POST", "/admin/read-model/swap").at("/data/state").asText()).isEqualTo("SWAPPED");
        assertThat(jdbc.queryForList(EVERY_EXECUTION)).isEqualTo(liveBefore);
        assertThat(jdbc.queryForList(INDEXES, String.class)).as("the rebuilt table is indexed as the live one was")
                .hasSizeGreaterThan(5).isEqualTo(indexesBefore);
        assertThat(admin("POST", "/admin/read-model/swap").get("code").asInt()).isEqualTo(409);
    }

    /** Each index of the read model as defined, its name left out (the shadow's are PostgreSQL's own). */
    private static final String INDEXES = """
            SELECT regexp_replace(pg_get_indexdef(indexrelid), 'INDEX \\S+ ON', 'INDEX ON') AS definition
            FROM pg_index WHERE indrelid = 'executions'::regclass ORDER BY 1""";

    private static JsonNode admin(String method, String path) throws Exception {
        return ledger.api().admin(method, path, null);
    }
}
