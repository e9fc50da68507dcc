package com.executionledger.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds (three significant digits, up to an hour), recorded by many threads without a lock. */
final class Latencies {

    private static final long AN_HOUR_IN_MICROS = 3_600_000_000L;

    private final Histogram micros = new ConcurrentHistogram(AN_HOUR_IN_MICROS, 3);

    void record(long nanos) {
        micros.recordValue(Math.min(AN_HOUR_IN_MICROS, Math.max(0, nanos / 1_000)));
    }

    long count() {
        return micros.getTotalCount();
    }

    double percentileMillis(double percentile) {
        return count() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
