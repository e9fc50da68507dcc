package com.executionledger.query.readmodel;

import com.executionledger.lifecycle.ExecutionLifecycle;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.store.LedgerEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the read model from the event store into a shadow table while the live one keeps
 * serving, compares the two row by row, and swaps them only when an operator asks.
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final String SHADOW = "executions_shadow";
    private static final int BATCH = 500;
    private static final int DIFFERENCES_SHOWN = 20;
    private static final int SET_ASIDE_SHOWN = 100;
    /** The head of an index definition as PostgreSQL writes it: {@code CREATE [UNIQUE] INDEX name ON [schema.]executions }. */
    private static final Pattern LIVE_INDEX = Pattern.compile("^CREATE( UNIQUE)? INDEX \\S+ ON (?:\\S+\\.)?executions ");

    public enum State { IDLE, RUNNING, COMPARED, FAILED, SWAPPED }

    public record Difference(String id, String kind, List<String> columns) {
    }

    /**
     * @param skippedChangedSince executions with events after the rebuild's position: the live
     *                            table may rightly be ahead there, so they are not compared
     */
    public record Comparison(long liveRows, long shadowRows, long differences, long skippedChangedSince,
                             List<Difference> firstDifferences) {
    }

    /**
     * @param setAside executions whose rows could not be written into the shadow table (the first
     *                 {@value #SET_ASIDE_SHOWN}), with why; the rebuild goes on without them
     */
    public record Progress(State state, long position, long eventsTotal, long eventsRead, long executionsWritten,
                           Instant startedAt, Instant finishedAt, Double eventsPerSecond, Comparison comparison,
                           List<RowFailure> setAside, String error) {
    }

    private final LedgerEvents ledger;
    private final ExecutionRows rows;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventProcessingConfiguration processing;
    private final Clock clock;
    private final ExecutorService worker = oneDaemonThread("read-model-rebuild");
    /** Writes the shadow's batches while the worker reads and folds the next: the two cores each take a part. */
    private final ExecutorService writer = oneDaemonThread("read-model-rebuild-writer");
    private final Deque<Future<?>> writing = new ArrayDeque<>();
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicLong executionsWritten = new AtomicLong();
    private volatile State state = State.IDLE;
    private volatile long position;
    private volatile long eventsTotal;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile Comparison comparison;
    private volatile String error;
    private final List<RowFailure> setAside = new java.util.concurrent.CopyOnWriteArrayList<>();

    ReadModelRebuild(LedgerEvents ledger, ExecutionRows rows, JdbcTemplate jdbc, TransactionTemplate transaction,
                     EventProcessingConfiguration processing, Clock clock) {
        this.ledger = ledger;
        this.rows = rows;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.processing = processing;
        this.clock = clock;
    }

    public synchronized Progress start() {
        if (state == State.RUNNING) {
            return progress();
        }
        position = ledger.headPosition();
        eventsTotal = ledger.countUpTo(position);
        eventsRead.set(0);
        executionsWritten.set(0);
        startedAt = clock.instant();
        finishedAt = null;
        comparison = null;
        error = null;
        setAside.clear();
        state = State.RUNNING;
        worker.submit(this::rebuild);
        return progress();
    }

    public Progress progress() {
        Instant end = finishedAt != null ? finishedAt : clock.instant();
        Double rate = startedAt == null ? null
                : eventsRead.get() / Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        return new Progress(state, position, eventsTotal, eventsRead.get(), executionsWritten.get(), startedAt,
                finishedAt, rate, comparison, List.copyOf(setAside), error);
    }

    private void rebuild() {
        try {
            jdbc.execute("DROP TABLE IF EXISTS " + SHADOW);
            // the live table's secondary indexes are built once the rows are in: a bulk build, not
            // every row's way into each of them
            jdbc.execute("CREATE TABLE " + SHADOW + " (LIKE executions INCLUDING ALL EXCLUDING INDEXES)");
            jdbc.execute("ALTER TABLE " + SHADOW + " ADD PRIMARY KEY (id)");
            List<ExecutionState> batch = new ArrayList<>(BATCH);
            ledger.forEachExecutionInIndexOrder(position, events -> {
                eventsRead.addAndGet(events.size());
                ExecutionLifecycle.derive(LedgerEvents.facts(events)).ifPresent(batch::add);
                if (batch.size() >= BATCH) {
                    flush(batch);
                }
            });
            flush(batch);
            while (!writing.isEmpty()) {
                awaitOldestWrite();
            }
            indexShadowAsLive();
            finishedAt = clock.instant();
            comparison = compare();
            state = State.COMPARED;
            log.info("Read model rebuilt to position {}: {} events, {} rows, {} differences", position,
                    eventsRead.get(), executionsWritten.get(), comparison.differences());
        } catch (RuntimeException e) {
            abandonWrites();
            log.error("Read model rebuild failed", e);
            // the operator gets what failed, the log the statement and its data
            error = "the rebuild stopped on " + e.getClass().getSimpleName() + "; the query side's log has the details";
            finishedAt = clock.instant();
            state = State.FAILED;
        }
    }

    /** Hands the batch to the writer; at most two are written or waiting while the next is read. */
    private void flush(List<ExecutionState> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<ExecutionState> written = List.copyOf(batch);
        batch.clear();
        if (writing.size() >= 2) {
            awaitOldestWrite();
        }
        writing.add(writer.submit(() -> {
            List<RowFailure> failures = transaction.execute(status -> rows.copyInto(SHADOW, written));
            failures.stream().limit(Math.max(0, SET_ASIDE_SHOWN - setAside.size())).forEach(setAside::add);
            executionsWritten.addAndGet(written.size() - failures.size());
        }));
    }

    /** Writes not begun are dropped, and one under way is let finish: none may touch the next rebuild's table. */
    private void abandonWrites() {
        writing.forEach(write -> write.cancel(false));
        while (!writing.isEmpty()) {
            try {
                writing.removeFirst().get();
            } catch (ExecutionException | CancellationException failedOrDropped) {
                // the rebuild has failed already; the first failure is the one reported
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitOldestWrite() {
        try {
            writing.removeFirst().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted", e);
        }
    }

    private static ExecutorService oneDaemonThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Each secondary index of the live table, on the shadow (named by PostgreSQL, as LIKE names them). */
    private void indexShadowAsLive() {
        List<String> definitions = jdbc.queryForList("""
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = 'executions'::regclass AND NOT i.indisprimary""", String.class);
        for (String definition : definitions) {
            jdbc.execute(LIVE_INDEX.matcher(definition).replaceFirst("CREATE$1 INDEX ON " + SHADOW + " "));
        }
        jdbc.execute("ANALYZE " + SHADOW);
    }

    private Comparison compare() {
        long live = jdbc.queryForObject("SELECT count(*) FROM executions", Long.class);
        long shadow = jdbc.queryForObject("SELECT count(*) FROM " + SHADOW, Long.class);
        long skipped = jdbc.queryForObject("SELECT count(*) FROM (" + LedgerEvents.EXECUTIONS_APPENDED_AFTER + ") changed", Long.class, position);
        String differing = """
                SELECT coalesce(l.id, s.id) AS id, l.id IS NULL AS missing_live, s.id IS NULL AS missing_shadow
                FROM executions l FULL OUTER JOIN %s s ON l.id = s.id
                WHERE (l.id IS NULL OR s.id IS NULL OR ROW(%s) IS DISTINCT FROM ROW(%s))
                  AND coalesce(l.id, s.id) NOT IN (%s)
                ORDER BY 1""".formatted(SHADOW, columnsOf("l"), columnsOf("s"), LedgerEvents.EXECUTIONS_APPENDED_AFTER);
        List<Difference> differences = new ArrayList<>();
        AtomicLong count = new AtomicLong();
        jdbc.query(differing, rs -> {
            count.incrementAndGet();
            if (differences.size() < DIFFERENCES_SHOWN) {
                String id = rs.getString(1);
                String kind = rs.getBoolean(2) ? "missing in live" : rs.getBoolean(3) ? "missing in shadow" : "differs";
                differences.add(new Difference(id, kind, kind.equals("differs") ? differingColumns(id) : List.of()));
            }
        }, position);
        return new Comparison(live, shadow, count.get(), skipped, differences);
    }

    private List<String> differingColumns(String id) {
        Map<String, Object> live = jdbc.queryForMap("SELECT * FROM executions WHERE id = ?", id);
        Map<String, Object> shadow = jdbc.queryForMap("SELECT * FROM " + SHADOW + " WHERE id = ?", id);
        return ExecutionRows.executionColumns().stream().filter(column -> !Objects.equals(String.valueOf(live.get(column)),
                String.valueOf(shadow.get(column)))).toList();
    }

    /** The execution's columns of a table alias: a row's place in the change feed is not the execution. */
    private static String columnsOf(String alias) {
        return ExecutionRows.executionColumns().stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }

    /**
     * Makes the shadow the live table. The projection pauses meanwhile; executions that changed
     * after the rebuild's position keep their live rows, which the projection has brought further.
     */
    public synchronized Progress swap() {
        if (state != State.COMPARED) {
            throw new IllegalStateException("nothing to swap: the rebuild is " + state.name().toLowerCase());
        }
        StreamingEventProcessor projection = processing
                .eventProcessor(ExecutionProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        projection.shutDown();
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("DELETE FROM " + SHADOW + " WHERE id IN (" + LedgerEvents.EXECUTIONS_APPENDED_AFTER + ")", position);
                jdbc.update("INSERT INTO " + SHADOW + " SELECT * FROM executions WHERE id IN (" + LedgerEvents.EXECUTIONS_APPENDED_AFTER + ")", position);
                jdbc.execute("ALTER TABLE executions RENAME TO executions_replaced");
                jdbc.execute("ALTER TABLE " + SHADOW + " RENAME TO executions");
                jdbc.execute("DROP TABLE executions_replaced");
                rows.deriveAgain();
                ReadModelChanges.announceEverything(jdbc);
            });
            state = State.SWAPPED;
        } finally {
            projection.start();
        }
        return progress();
    }
}
