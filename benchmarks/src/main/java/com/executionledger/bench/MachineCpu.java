package com.executionledger.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the services' own CPU leaves out, read from Linux's {@code /proc}: the CPU of the database
 * server (its postmaster, the backends and workers alive, and those it has reaped) and the busy
 * time of the whole machine. On two shared cores the services, PostgreSQL, the broker and the
 * bench's own publisher take turns, so a rate is bounded by what all of them spend per event.
 */
final class MachineCpu {

    /** The kernel's clock tick for the times in {@code /proc} (USER_HZ, 100 on every Linux we run on). */
    private static final long TICKS_PER_SECOND = 100;

    private final Long postmasterPid;

    private MachineCpu(Long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** For the database at {@code jdbcUrl}: found when it is a PostgreSQL started on this machine with {@code -p <port>}. */
    static MachineCpu forDatabase(String jdbcUrl) {
        int port = URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
        return new MachineCpu(port < 0 ? null : postmasterListeningOn(port).orElse(null));
    }

    /** The database server's CPU so far, or null when it is not a process of this machine the bench found. */
    Duration database() {
        if (postmasterPid == null) {
            return null;
        }
        List<String> postmaster = stat(postmasterPid);
        if (postmaster == null) {
            return null;
        }
        // its own time and that of the children it has reaped (autovacuum workers come and go)
        long ticks = field(postmaster, 14) + field(postmaster, 15) + field(postmaster, 16) + field(postmaster, 17);
        try (Stream<String> processes = processIds()) {
            ticks += processes.map(pid -> stat(Long.parseLong(pid)))
                    .filter(child -> child != null && field(child, 4) == postmasterPid)
                    .mapToLong(child -> field(child, 14) + field(child, 15)).sum();
        } catch (IOException e) {
            return null;
        }
        return ticks(ticks);
    }

    /** The time all of the machine's cores have been busy (not idle, not waiting on I/O). */
    static Duration machineBusy() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal: guest time is counted in user already
            long busy = 0;
            for (int i = 1; i <= 8; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(cpu[i]);
            }
            return ticks(busy);
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }

    private static Optional<Long> postmasterListeningOn(int port) {
        try (Stream<String> processes = processIds()) {
            return processes.filter(pid -> {
                String commandLine = commandLine(pid);
                return commandLine.contains("postgres") && commandLine.contains(" -p " + port + " ");
            }).map(Long::parseLong).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The ids of the processes running now: the numbered entries of {@code /proc}. Close the stream. */
    private static Stream<String> processIds() throws IOException {
        return Files.list(Path.of("/proc")).map(path -> path.getFileName().toString())
                .filter(name -> name.chars().allMatch(Character::isDigit));
    }

    private static String commandLine(String pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** The fields of {@code /proc/<pid>/stat}, numbered as proc(5) numbers them (1 is the pid), or null when it is gone. */
    private static List<String> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return Stream.concat(Stream.of(Long.toString(pid), "name"), Stream.of(afterName.split(" "))).toList();
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long field(List<String> stat, int number) {
        return Long.parseLong(stat.get(number - 1));
    }

    private static Duration ticks(long ticks) {
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }
}
