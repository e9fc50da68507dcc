package com.executionledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader follows the change feed while writers change executions in transactions that commit
 * out of the order they wrote in: the reader never sees a place in the feed twice or go
 * backwards, never sees an execution go back to an older version, and ends with every
 * execution as it finally is.
 */
class ChangeFeedIntegrationTest {

    private static final String ORGANIZATION = "org_feed";
    private static final int EXECUTIONS = 120;

    private MigratedDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = MigratedDatabase.fresh("feed", 8);
    }

    @AfterEach
    void closePool() {
        database.close();
    }

    /** Each write raises the execution's version, kept in status_reason (v0, v1, ...), under the row's lock. */
    private void writeNextVersion(String id) {
        String current = database.jdbc.queryForObject("SELECT status_reason FROM executions WHERE id = ? FOR UPDATE", String.class, id);
        database.jdbc.update("UPDATE executions SET status_reason = ? WHERE id = ?",
                "v" + (Integer.parseInt(current.substring(1)) + 1), id);
    }

    private static int version(ExecutionRows.Change change) {
        return Integer.parseInt(change.state().statusReason().substring(1));
    }

    @Test
    void aReaderFollowingTheFeedMissesNothingAndSeesNothingTwiceWhileCommitsInterleave() throws Exception {
        for (int i = 0; i < EXECUTIONS; i++) {
            database.jdbc.update("INSERT INTO executions (id, organization_id, status, status_reason, created_at, updated_at)"
                    + " VALUES (?, ?, 'workflow_running', 'v0', now(), now())", "exe_" + i, ORGANIZATION);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(threads.submit(() -> {
                Random random = new Random(writer);
                for (int round = 0; round < 40; round++) {
                    // a few executions per transaction, locked in one order (as the projection's batches are)
                    TreeSet<String> ids = new TreeSet<>();
                    while (ids.size() < 3) {
                        ids.add("exe_" + random.nextInt(EXECUTIONS));
                    }
                    database.transaction.executeWithoutResult(status -> {
                        ids.forEach(this::writeNextVersion);
                        pause(random.nextInt(15)); // held open: transactions commit out of the order they wrote in
                    });
                }
            }));
        }

        Map<String, Integer> seen = new HashMap<>();
        List<ExecutionRows.FeedPosition> positions = new ArrayList<>();
        Future<?> reader = threads.submit(() -> {
            ExecutionRows.FeedPosition after = ExecutionRows.FeedPosition.START;
            boolean caughtUpAfterWriters = false;
            while (!caughtUpAfterWriters) {
                boolean writersDone = !writing.get();
                List<ExecutionRows.Change> page = database.rows.changesAfter(ORGANIZATION, after, 7);
                for (ExecutionRows.Change change : page) {
                    positions.add(change.position());
                    Integer before = seen.put(change.state().id(), version(change));
                    assertThat(before == null || before <= version(change))
                            .as(change.state().id() + " went back from v" + before + " to v" + version(change)).isTrue();
                    after = change.position();
                }
                caughtUpAfterWriters = writersDone && page.isEmpty();
                if (page.isEmpty()) {
                    pause(5);
                }
            }
        });
        for (Future<?> writer : writers) {
            writer.get();
        }
        writing.set(false);
        reader.get();
        threads.shutdown();

        for (int i = 1; i < positions.size(); i++) {
            assertThat(compare(positions.get(i), positions.get(i - 1))).as("the feed moves on at " + i + ": " + positions.get(i - 1) + " then "
                    + positions.get(i)).isPositive();
        }
        Map<String, Integer> finalVersions = new HashMap<>();
        database.jdbc.query("SELECT id, status_reason FROM executions", rs -> {
            finalVersions.put(rs.getString(1), Integer.parseInt(rs.getString(2).substring(1)));
        });
        assertThat(seen).as("every execution as it finally is").isEqualTo(finalVersions);
        assertThat(positions.size()).as("an execution that changes again comes again").isGreaterThan(EXECUTIONS);
    }

    private static int compare(ExecutionRows.FeedPosition a, ExecutionRows.FeedPosition b) {
        int byTransaction = new BigInteger(a.transaction()).compareTo(new BigInteger(b.transaction()));
        return byTransaction != 0 ? byTransaction : Long.compare(a.sequence(), b.sequence());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
