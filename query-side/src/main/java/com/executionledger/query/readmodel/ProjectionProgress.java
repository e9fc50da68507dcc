package com.executionledger.query.readmodel;

import com.executionledger.query.ProjectionProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far the projection has come, segment by segment, whichever instance holds each: as metrics
 * (position, events behind, seconds behind) and as health {@code projectionProgress}, part of
 * readiness. A segment that is behind and has not moved for {@code ledger.projection.stall-after}
 * makes it DOWN: the read model this instance serves is going stale, whatever the cause (a
 * poison batch, an instance that holds claims and does nothing). A segment that is behind but
 * moving, as in a bulk catch-up, is not stalled.
 */
@Component("projectionProgress")
class ProjectionProgress implements HealthIndicator {

    static final String POSITION = "ledger.projection.position";
    static final String LAG_EVENTS = "ledger.projection.lag.events";
    static final String LAG_SECONDS = "ledger.projection.lag.seconds";
    static final String SET_ASIDE = "ledger.projection.set-aside";
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    /** Where one segment stands; {@code movedAt} is when it was last seen at a new position, or caught up. */
    record Segment(int segment, long position, long head, Instant oldestUnprojectedAt, Instant movedAt) {
        long eventsBehind() {
            return Math.max(0, head - position);
        }
    }

    private final JdbcTemplate database;
    private final Clock clock;
    private final Duration stallAfter;
    private final MeterRegistry meters;
    private final Map<Integer, Segment> segments = new ConcurrentHashMap<>();
    private volatile Instant readAt = Instant.EPOCH;

    ProjectionProgress(JdbcTemplate database, Clock clock, MeterRegistry meters, SetAsideExecutions setAside,
                       @Value("${ledger.projection.stall-after:60s}") Duration stallAfter) {
        this.database = database;
        this.clock = clock;
        this.stallAfter = stallAfter;
        Gauge.builder(SET_ASIDE, setAside::count).description("executions whose row the projection could not write")
                .strongReference(true).register(meters);
        this.meters = meters;
    }

    /** The segments as they stand, read again when the last reading is older than a second. */
    synchronized Map<Integer, Segment> segments() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(FRESH_FOR) < 0) {
            return segments;
        }
        readAt = now;
        long head = database.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        List<Map<String, Object>> rows = database.queryForList("""
                SELECT segment, coalesce((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint,
                                         (convert_from(token, 'UTF8')::jsonb -> 'currentToken' ->> 'index')::bigint, 0) AS position
                FROM token_entry WHERE processor_name = ? ORDER BY segment""", ProjectionProperties.PROCESSOR);
        Map<Integer, Segment> seen = new HashMap<>();
        for (Map<String, Object> row : rows) {
            int segment = ((Number) row.get("segment")).intValue();
            long position = ((Number) row.get("position")).longValue();
            Segment before = segments.get(segment);
            Instant movedAt = before == null || before.position() != position || position >= head ? now : before.movedAt();
            Instant oldest = position >= head ? null : database.query(
                    "SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1",
                    rs -> rs.next() ? Instant.parse(rs.getString(1)) : null, position);
            seen.put(segment, new Segment(segment, position, head, oldest, movedAt));
            if (before == null) {
                registerGauges(segment);
            }
        }
        segments.keySet().retainAll(seen.keySet());
        segments.putAll(seen);
        return segments;
    }

    /** Looks every few seconds, so that a segment's gauges exist before anyone has asked, and stalls are seen. */
    @Scheduled(fixedDelay = 5_000, initialDelay = 1_000)
    void look() {
        segments();
    }

    private void registerGauges(int segment) {
        String tag = String.valueOf(segment);
        Gauge.builder(POSITION, () -> valueOf(segment, Segment::position)).tag("segment", tag)
                .description("the ledger position the segment has projected").register(meters);
        Gauge.builder(LAG_EVENTS, () -> valueOf(segment, Segment::eventsBehind)).tag("segment", tag)
                .description("events in the ledger the segment has not read yet").register(meters);
        Gauge.builder(LAG_SECONDS, () -> valueOf(segment, this::secondsBehind)).tag("segment", tag)
                .baseUnit("seconds").description("age of the oldest event the segment has not read yet").register(meters);
    }

    private double valueOf(int segment, ToDoubleFunction<Segment> value) {
        Segment now = segments().get(segment);
        return now == null ? Double.NaN : value.applyAsDouble(now);
    }

    private double secondsBehind(Segment segment) {
        return segment.oldestUnprojectedAt() == null ? 0
                : Math.max(0, Duration.between(segment.oldestUnprojectedAt(), clock.instant()).toMillis() / 1000.0);
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        List<Segment> stalled = segments().values().stream()
                .filter(segment -> segment.eventsBehind() > 0 && Duration.between(segment.movedAt(), now).compareTo(stallAfter) > 0)
                .toList();
        long behind = segments.values().stream().mapToLong(Segment::eventsBehind).sum();
        if (stalled.isEmpty()) {
            return Health.up().withDetail("segments", segments.size()).withDetail("eventsBehind", behind).build();
        }
        return Health.down().withDetail("stalledSegments", stalled.stream().map(Segment::segment).sorted().toList())
                .withDetail("stallAfter", stallAfter.toString()).withDetail("eventsBehind", behind).build();
    }
}
