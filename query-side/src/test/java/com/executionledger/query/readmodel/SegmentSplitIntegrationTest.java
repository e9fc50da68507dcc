package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.ExecutionStatus;
import com.executionledger.events.TestEvents;
import com.executionledger.infra.TestDatabaseAndBroker;
import com.executionledger.query.EventStoreAppends;
import com.executionledger.query.QuerySideApplication;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The projection starts with two segments; when more query sides are live than that, the widest
 * segment is split until each has one, one split at a time, and the split segments project every
 * event. The other instances are members that say they are alive and claim nothing (ScaleOutTest
 * runs real ones).
 */
@SpringBootTest(classes = QuerySideApplication.class, properties = "spring.config.name=" + QuerySideApplication.CONFIG_NAME)
class SegmentSplitIntegrationTest {

    private static final TestDatabaseAndBroker INFRA = TestDatabaseAndBroker.fresh("segments");

    @Autowired
    EventStore eventStore;
    @Autowired
    ExecutionRows rows;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void segmentsAreSplitWhileLiveInstancesOutnumberThemAndEveryEventIsStillProjected() {
        await().atMost(Duration.ofSeconds(60)).until(() -> segments().length == 2);

        jdbc.update("INSERT INTO projection_member (node_id, seen_at) VALUES ('other-a', now() + interval '1 hour'),"
                + " ('other-b', now() + interval '1 hour'), ('other-c', now() + interval '1 hour')");
        await().atMost(Duration.ofSeconds(60)).until(() -> segments().length == 4);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> segments().length == 4);
        List<Integer> masks = Arrays.stream(Segment.computeSegments(segments())).map(Segment::getMask).toList();
        assertThat(masks).as("each of four live instances gets an equal part").containsOnly(3);

        jdbc.update("DELETE FROM projection_member WHERE node_id LIKE 'other-%'");
        EventStoreAppends ledger = new EventStoreAppends(eventStore);
        for (int i = 0; i < 40; i++) {
            TestEvents execution = TestEvents.of("exe_split_" + i, "org_split");
            ledger.append(execution.created("c" + i, 1), execution.paymentConfirmed("p" + i, 2));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT count(*) FROM executions"
                + " WHERE organization_id = 'org_split' AND status = ?", Integer.class,
                ExecutionStatus.PAYMENT_CONFIRMED.wireName()) == 40);
        assertThat(segments()).as("segments are not merged when instances leave").hasSize(4);
    }

    private int[] segments() {
        return jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ?", Integer.class,
                ExecutionProjection.PROCESSING_GROUP).stream().mapToInt(Integer::intValue).toArray();
    }
}
