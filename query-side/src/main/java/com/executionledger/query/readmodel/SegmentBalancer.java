package com.executionledger.query.readmodel;

import com.executionledger.query.ProjectionProperties;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spreads the projection's segments over the running query sides. Axon's claims decide who
 * projects a segment, but the first instance up claims them all and keeps them; each instance
 * therefore says every half second that it is alive, and one that holds more than its share
 * (segments / live instances, rounded up) releases the excess for a while, for the others' idle
 * threads to claim. An instance that stops answering loses its claims after the token store's
 * claim timeout, and its share rises for the others.
 *
 * <p>The projection starts with few segments, since each one an instance holds costs it CPU on
 * every event; while more instances are live than there are segments, the instance holding the
 * widest segment (the lowest-numbered of the widest) splits it in two, one split at a time, so
 * that every instance gets one. Segments are not merged when instances leave: a survivor holds
 * several, as before.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /** The token store's owner name for this JVM (Axon's default node id), so claims and members match. */
    static final String NODE_ID = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcTemplate database;
    private final EventProcessingConfiguration processing;
    private final ProjectionProperties properties;
    private CompletableFuture<Boolean> split = CompletableFuture.completedFuture(true);

    SegmentBalancer(JdbcTemplate database, EventProcessingConfiguration processing, ProjectionProperties properties) {
        this.database = database;
        this.processing = processing;
        this.properties = properties;
    }

    /**
     * Every half second: say this instance is alive, split the widest segment while the live
     * instances outnumber the segments, and give up what is beyond this instance's share. An
     * instance counts as live while seen within a third of the claim timeout, so one that died
     * stops counting before its claims expire: the survivors' share has risen by the time they may
     * take its segments over, and they do not release them again.
     */
    @Scheduled(fixedDelay = 500, initialDelay = 1_000)
    void balance() {
        database.update("INSERT INTO projection_member (node_id, seen_at) VALUES (?, now()) "
                + "ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", NODE_ID);
        database.update("DELETE FROM projection_member WHERE seen_at < now() - interval '1 hour'");
        int live = database.queryForObject("SELECT count(*) FROM projection_member WHERE seen_at > now() - "
                + "make_interval(secs => ?)", Integer.class, properties.claimTimeout().toMillis() / 3000.0);
        int[] segments = database.queryForList("SELECT segment FROM token_entry WHERE processor_name = ?",
                Integer.class, ExecutionProjection.PROCESSING_GROUP).stream().mapToInt(Integer::intValue).toArray();
        processing.eventProcessor(ExecutionProjection.PROCESSING_GROUP, StreamingEventProcessor.class).ifPresent(processor -> {
            if (live > segments.length && segments.length > 0) {
                splitTheWidestIfHeld(processor, segments);
            }
            releaseBeyondShare(processor, segments.length, Math.max(live, 1));
        });
    }

    /**
     * Splits the widest segment when this instance holds it. Only its holder splits it, so two
     * instances never split at once; a split under way is let finish before the next is considered.
     */
    private void splitTheWidestIfHeld(StreamingEventProcessor processor, int[] segments) {
        if (!split.isDone()) {
            return;
        }
        Segment widest = Arrays.stream(Segment.computeSegments(segments))
                .min(Comparator.comparingInt(Segment::getMask).thenComparingInt(Segment::getSegmentId)).orElseThrow();
        if (processor.processingStatus().containsKey(widest.getSegmentId())) {
            log.info("Splitting segment {} (mask {}): {} segments for more live instances", widest.getSegmentId(),
                    widest.getMask(), segments.length);
            split = processor.splitSegment(widest.getSegmentId());
        }
    }

    private void releaseBeyondShare(StreamingEventProcessor processor, int segments, int live) {
        int share = (segments + live - 1) / live;
        List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
        if (held.size() <= share) {
            return;
        }
        List<Integer> released = held.subList(share, held.size());
        log.info("Releasing segments {} of {}: {} instances share {} segments", released, held.size(), live, segments);
        long releaseFor = properties.claimTimeout().toMillis() * 2;
        released.forEach(segment -> processor.releaseSegment(segment, releaseFor, TimeUnit.MILLISECONDS));
    }

    /**
     * Leaving: the others' share rises at once, so they keep the segments this instance releases
     * as it stops. Waited for briefly: with the database gone, stopping must not wait for it.
     */
    @PreDestroy
    void leave() {
        try {
            CompletableFuture.runAsync(() -> database.update("DELETE FROM projection_member WHERE node_id = ?", NODE_ID))
                    .get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.info("Left without saying so ({}): the others take over after the claim timeout", e.toString());
        }
    }
}
