package com.executionledger.bench;

/** What a load run measured: the calls counted after its warm-up, over its seconds, and their latencies. */
record LoadResult(long calls, double seconds, Latencies latencies) {

    double rate() {
        return calls / seconds;
    }
}
