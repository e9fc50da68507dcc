package com.executionledger.bench;

import java.util.Arrays;

/** Latencies in microseconds, recorded by many threads, read once at the end. */
final class Latencies {

    private long[] micros = new long[1 << 16];
    private int count;

    synchronized void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = nanos / 1_000;
    }

    synchronized int count() {
        return count;
    }

    synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(percentile / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
