package com.executionledger.bench;

import java.time.Duration;

/** CPU time the two services have used, every thread included (the JIT's and the collector's too). */
record CpuTime(Duration command, Duration query) {

    /** What was used since {@code earlier}. */
    CpuTime since(CpuTime earlier) {
        return new CpuTime(command.minus(earlier.command), query.minus(earlier.query));
    }

    static double micros(Duration cpu, long units) {
        return cpu.toNanos() / 1e3 / units;
    }

    /** Each side's CPU per unit of work, as the report shows it: "45 µs / 40 µs". */
    String perUnit(long units) {
        return String.format("%.0f µs / %.0f µs", micros(command, units), micros(query, units));
    }
}
