package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two command-side instances on one database and broker, Kafka and signed HTTP deliveries racing
 * on the same executions, some HTTP batches sent to both instances at the same moment: every
 * valid event is in the ledger exactly once, none is dead-lettered or answered rejected, and the
 * rows equal the contract model's. The race is counted, so that a test that raced nothing fails.
 */
class RacingWritersTest {

    private static final String SOURCE = "racer";
    private static final String SECRET = "whsec_race";
    private static final long SEED = 20261201L;
    private static final int EXECUTIONS = 500;
    private static final int HTTP_BATCH = 40;
    private static final int SENDERS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabaseAndBroker infra;
    private static LedgerRuntime ledger;
    private static ConfigurableApplicationContext secondCommandSide;

    @BeforeAll
    static void twoCommandSides() {
        infra = TestDatabaseAndBroker.fresh("racing");
        Map<String, String> properties = new HashMap<>(infra.springProperties());
        properties.put("ledger.admin.token", TestLedger.ADMIN_TOKEN);
        properties.put("ledger.ingest.http.sources." + SOURCE, SECRET);
        ledger = LedgerRuntime.start(properties, 0, 0);
        secondCommandSide = LedgerRuntime.startCommandSide(properties, 0);
    }

    @AfterAll
    static void stop() {
        if (secondCommandSide != null) {
            secondCommandSide.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void racingWritersLoseNothingDoubleNothingAndRejectNoValidEvent() throws Exception {
        Random random = new Random(SEED);
        Map<String, List<ExecutionEvent>> deliveries = new LinkedHashMap<>();
        List<ExecutionEvent> all = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            String executionId = "exe_race_%03d".formatted(i);
            List<ExecutionEvent> delivered = RandomHistories.delivery(RandomHistories.history(SEED + i, executionId), random);
            deliveries.put(executionId, delivered);
            all.addAll(delivered);
        }
        Collections.shuffle(all, random);
        List<ExecutionEvent> overKafka = new ArrayList<>();
        List<ExecutionEvent> overHttp = new ArrayList<>();
        for (ExecutionEvent event : all) {
            (random.nextInt(5) < 2 ? overKafka : overHttp).add(event);
        }

        int[] ports = {ledger.commandPort(), ((WebServerApplicationContext) secondCommandSide).getWebServer().getPort()};
        WebhookSender sender = new WebhookSender(SOURCE, SECRET);
        ConcurrentLinkedQueue<JsonNode> answers = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS * 2);
        List<Future<?>> sent = new ArrayList<>();
        sent.add(senders.submit(() -> {
            infraPublish(overKafka);
            return null;
        }));
        for (int from = 0, batch = 0; from < overHttp.size(); from += HTTP_BATCH, batch++) {
            byte[] body = arrayOf(overHttp.subList(from, Math.min(from + HTTP_BATCH, overHttp.size())));
            if (batch % 3 == 0) { // the same batch to both instances at the same moment
                sent.add(senders.submit(() -> answers.add(sender.deliver(ports[0], body))));
                sent.add(senders.submit(() -> answers.add(sender.deliver(ports[1], body))));
            } else {
                int port = ports[batch % 2];
                sent.add(senders.submit(() -> answers.add(sender.deliver(port, body))));
            }
        }
        for (Future<?> future : sent) {
            future.get();
        }
        senders.shutdown();

        Map<String, Map<String, Object>> expected = LedgerChecks.expectedItems(deliveries);
        List<String> tokens = new ArrayList<>();
        for (String organization : List.of("org_prop_0", "org_prop_1", "org_prop_2", RandomHistories.FOREIGN_ORGANIZATION)) {
            tokens.add(ledger.querySide().getBean(com.executionledger.query.auth.ApiTokens.class).create(organization, "t").token());
        }
        Map<String, Map<String, Object>> actual = LedgerChecks.awaitListed(new ApiClient(ledger.apiPort(), TestLedger.ADMIN_TOKEN),
                tokens, expected, 180);
        System.out.printf("Racing writers: %d executions, %d deliveries (%d over Kafka, %d over HTTP in batches of %d, "
                        + "a third of them to both instances), %d executions found changed by the other instance, %d taken"
                        + " after another writer, %d batches retried (%s), %d answers 503%n", EXECUTIONS, all.size(),
                overKafka.size(), overHttp.size(), HTTP_BATCH, changedElsewhere(), takenAfterOthers(), retries(),
                retriesByCause(), sender.unavailableAnswers());

        for (JsonNode answer : answers) {
            assertThat(answer.get("code").asInt()).as(answer.toString()).isEqualTo(200);
            for (JsonNode event : answer.at("/data/events")) {
                if (event.get("outcome").asText().equals("rejected")) {
                    assertThat(event.get("reason").asText()).as(event.toString()).contains("does not own execution");
                }
            }
        }
        assertThat(actual).containsOnlyKeys(expected.keySet());
        assertThat(actual).isEqualTo(expected);
        JdbcTemplate jdbc = ledger.commandSide().getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("SELECT reason FROM dead_letter WHERE reason NOT LIKE '%does not own execution%'",
                String.class)).as("dead letters of valid events").isEmpty();
        assertEachValidEventStoredOnce(jdbc, deliveries);
        assertThat(changedElsewhere() + retries()).as("executions one instance found changed by the other, and retries")
                .isPositive();
        assertThat(takenAfterOthers()).as("executions another writer held when a batch came, taken after it").isPositive();
    }

    private static void infraPublish(List<ExecutionEvent> events) throws Exception {
        DemoPublisher.publish(infra.bootstrapServers(), infra.topic(), events);
    }

    private static byte[] arrayOf(List<ExecutionEvent> events) throws Exception {
        EnvelopeWriter writer = new EnvelopeWriter();
        ArrayNode array = JSON.createArrayNode();
        for (ExecutionEvent event : events) {
            array.add(JSON.readTree(writer.write(event)));
        }
        return JSON.writeValueAsBytes(array);
    }

    private static long retries() {
        return counted("ledger.ingest.retries");
    }

    private static long takenAfterOthers() {
        return counted("ledger.ingest.taken-after-others");
    }

    private static long changedElsewhere() {
        return counted("ledger.ingest.changed-elsewhere");
    }

    /** A counter of the command sides, summed over both instances and every tag. */
    private static long counted(String metric) {
        long total = 0;
        for (ConfigurableApplicationContext commandSide : List.of(ledger.commandSide(), secondCommandSide)) {
            total += commandSide.getBean(MeterRegistry.class).find(metric).counters().stream()
                    .mapToLong(counter -> (long) counter.count()).sum();
        }
        return total;
    }

    private static Map<String, Long> retriesByCause() {
        Map<String, Long> byCause = new java.util.TreeMap<>();
        for (ConfigurableApplicationContext commandSide : List.of(ledger.commandSide(), secondCommandSide)) {
            commandSide.getBean(MeterRegistry.class).find("ledger.ingest.retries").counters().forEach(counter ->
                    byCause.merge(counter.getId().getTag("cause"), (long) counter.count(), Long::sum));
        }
        return byCause;
    }

    /**
     * The owner's events are each in the ledger once; a foreign one may be there once too, when it
     * came before the execution_created that showed it foreign (it is then marked rejected).
     */
    private static void assertEachValidEventStoredOnce(JdbcTemplate jdbc, Map<String, List<ExecutionEvent>> deliveries)
            throws Exception {
        for (Map.Entry<String, List<ExecutionEvent>> delivery : deliveries.entrySet()) {
            List<String> stored = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("""
                    SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?
                    AND payload_type NOT LIKE '%EventRejected' ORDER BY sequence_number""", delivery.getKey())) {
                stored.add(JSON.readTree((byte[]) row.get("payload")).at("/header/eventId").asText());
            }
            Set<String> owned = delivery.getValue().stream()
                    .filter(event -> !event.header().organizationId().equals(RandomHistories.FOREIGN_ORGANIZATION))
                    .map(event -> event.header().eventId()).collect(Collectors.toSet());
            Set<String> delivered = delivery.getValue().stream().map(event -> event.header().eventId())
                    .collect(Collectors.toSet());
            assertThat(stored).as(delivery.getKey()).doesNotHaveDuplicates().containsAll(owned);
            assertThat(new HashSet<>(stored)).as(delivery.getKey()).isSubsetOf(delivered);
        }
    }
}
