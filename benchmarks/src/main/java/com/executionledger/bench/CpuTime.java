package com.executionledger.bench;

import java.time.Duration;

/**
 * CPU time the two services have used, every thread included (the JIT's and the collector's too),
 * and beside it the database server's (null when the bench could not find it on this machine) and
 * the whole machine's busy time.
 */
record CpuTime(Duration command, Duration query, Duration database, Duration machine) {

    /** What was used since {@code earlier}. */
    CpuTime since(CpuTime earlier) {
        return new CpuTime(command.minus(earlier.command), query.minus(earlier.query),
                database == null || earlier.database == null ? null : database.minus(earlier.database),
                machine.minus(earlier.machine));
    }

    static double micros(Duration cpu, long units) {
        return cpu.toNanos() / 1e3 / units;
    }

    /** Each side's CPU per unit of work, as the report shows it: "45 µs / 40 µs". */
    String perUnit(long units) {
        return String.format("%.0f µs / %.0f µs", micros(command, units), micros(query, units));
    }

    /**
     * How busy the machine's cores were over {@code wall}, and PostgreSQL's and everything else's
     * CPU per unit: "PostgreSQL 98 µs, the rest 41 µs; 99% of 2 cores busy".
     */
    String besideTheServices(long units, Duration wall) {
        int cores = Runtime.getRuntime().availableProcessors();
        String busy = String.format("%.0f%% of %d cores busy", 100.0 * machine.toNanos() / wall.toNanos() / cores, cores);
        return database == null ? busy + " (the database is not a process the bench found here)"
                : String.format("PostgreSQL %.0f µs, the rest %.0f µs; %s", micros(database, units), micros(rest(), units), busy);
    }

    /** What the rest of the machine (the broker, the bench's publisher, anything else running) used beside the three. */
    Duration rest() {
        return machine.minus(command).minus(query).minus(database == null ? Duration.ZERO : database);
    }
}
