package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionStatus;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.EventStoreAppends;
import com.executionledger.query.QuerySideApplication;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Thousands of rolled-back appends, each burning a global index the projection must track as a
 * gap, between committed events: the gaps each tracked event carries stay bounded, they are
 * cleaned once they are old, and the projection keeps up.
 */
@SpringBootTest(classes = QuerySideApplication.class, properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class RolledBackAppendsIntegrationTest {

    private static final TestDatabaseAndBroker INFRA = TestDatabaseAndBroker.fresh("gaps");
    private static final int ROLLED_BACK = 5_000;
    private static final int MAX_GAP_OFFSET = 2_000;

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ExecutionRows rows;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void thousandsOfRolledBackAppendsCostBoundedGapsAndTheProjectionKeepsUp() {
        EventStoreAppends ledger = new EventStoreAppends(eventStore);
        int largestGapSet = 0;
        for (int round = 0; round < ROLLED_BACK / 100; round++) {
            TestEvents execution = TestEvents.of("exe_gaps_" + round, "org_gaps");
            ledger.append(execution.created("exe_gaps_" + round + ".c", round));
            burnGlobalIndexes(100);
            largestGapSet = Math.max(largestGapSet, trackedGaps());
        }
        TestEvents last = TestEvents.of("exe_gaps_last", "org_gaps");
        ledger.append(last.created("last.c", 1_000));

        await().atMost(Duration.ofSeconds(60)).until(() -> rows.find("org_gaps", "exe_gaps_last").isPresent());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM executions WHERE organization_id = 'org_gaps'", Integer.class))
                .isEqualTo(ROLLED_BACK / 100 + 1);
        assertThat(jdbc.queryForObject("SELECT max(global_index) - count(*) FROM domain_event_entry", Long.class))
                .as("global indexes burnt").isGreaterThanOrEqualTo(ROLLED_BACK);
        largestGapSet = Math.max(largestGapSet, trackedGaps());
        System.out.printf("Rolled-back appends: %,d global indexes burnt between %d committed events; at most %,d gaps"
                + " tracked at once (bound %,d)%n", ROLLED_BACK, ROLLED_BACK / 100 + 1, largestGapSet, MAX_GAP_OFFSET);
        assertThat(largestGapSet).as("gaps a tracked event carries").isLessThanOrEqualTo(MAX_GAP_OFFSET);

        // gaps older than the gap timeout (10 s) are dropped as new events are read
        int[] round = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            TestEvents trickle = TestEvents.of("exe_trickle_" + round[0], "org_gaps");
            ledger.append(trickle.created("trickle.c" + round[0]++, 2_000));
            return trackedGaps() < 250;
        });
        assertThat(rows.find("org_gaps", "exe_gaps_0").orElseThrow().status()).isEqualTo(ExecutionStatus.AWAITING_PAYMENT);
    }

    /** Inserts rows into the event store and rolls them back: each takes a global index for good. */
    private void burnGlobalIndexes(int count) {
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                jdbc.update("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload) VALUES (?, ?, 0, 'Execution', '2026-11-28T10:00:00Z', 'x', '\\x7b7d')""",
                        UUID.randomUUID().toString(), "exe_rolled_back_" + UUID.randomUUID());
            }
            status.setRollbackOnly();
        });
    }

    /** The most gaps any segment's current token tracks. */
    private int trackedGaps() {
        StreamingEventProcessor processor = processing.eventProcessor("executions", StreamingEventProcessor.class).orElseThrow();
        return processor.processingStatus().values().stream().map(EventTrackerStatus::getTrackingToken)
                .mapToInt(RolledBackAppendsIntegrationTest::gaps).max().orElse(0);
    }

    private static int gaps(TrackingToken token) {
        return token instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps().size() : 0;
    }
}
