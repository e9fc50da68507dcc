package com.executionledger.store;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * DOWN while the JVM spends more than half of the last ten seconds collecting garbage. A service
 * in that state (a heap nearly full, collection after collection) answers too slowly to be of
 * use and may never recover: it says so, in health and readiness, so that it is taken out of
 * rotation and restarted rather than left to pretend.
 */
public final class GcPressureHealth implements HealthIndicator, DisposableBean {

    static final double DOWN_ABOVE = 0.5;
    static final int WINDOW_SECONDS = 10;

    private final GcShare share;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gc-pressure-sampler");
        thread.setDaemon(true);
        return thread;
    });

    GcPressureHealth() {
        share = new GcShare(WINDOW_SECONDS, GcPressureHealth::collectionMillis);
        sampler.scheduleAtFixedRate(() -> share.sample(System.nanoTime()), 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public Health health() {
        double fraction = share.fraction();
        Health.Builder health = fraction > DOWN_ABOVE ? Health.down() : Health.up();
        return health.withDetail("collectingShareOfLast10s", Math.round(fraction * 100) / 100.0).build();
    }

    @Override
    public void destroy() {
        sampler.shutdownNow();
    }

    private static long collectionMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** The share of wall time spent collecting over a window of samples taken once a second. */
    static final class GcShare {

        private final long[] wallNanos;
        private final long[] collectingMillis;
        private final LongSupplier collecting;
        private int samples;

        GcShare(int windowSeconds, LongSupplier collecting) {
            this.wallNanos = new long[windowSeconds + 1];
            this.collectingMillis = new long[windowSeconds + 1];
            this.collecting = collecting;
        }

        synchronized void sample(long nowNanos) {
            int slot = samples++ % wallNanos.length;
            wallNanos[slot] = nowNanos;
            collectingMillis[slot] = collecting.getAsLong();
        }

        /** Collecting time over wall time between the oldest and the newest sample; 0 before two samples. */
        synchronized double fraction() {
            if (samples < 2) {
                return 0;
            }
            int newest = (samples - 1) % wallNanos.length;
            int oldest = samples < wallNanos.length ? 0 : samples % wallNanos.length;
            double wallMillis = (wallNanos[newest] - wallNanos[oldest]) / 1e6;
            return wallMillis <= 0 ? 0 : (collectingMillis[newest] - collectingMillis[oldest]) / wallMillis;
        }
    }
}
