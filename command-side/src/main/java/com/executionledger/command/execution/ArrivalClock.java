package com.executionledger.command.execution;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * The clock of Axon's event messages, which an execution pins while it appends: each event's
 * stored timestamp is then exactly the arrival time that its chain link covers, so that editing
 * one is caught. Pinned instants are whole milliseconds, as the event store keeps them.
 */
final class ArrivalClock extends Clock {

    private static final ThreadLocal<Instant> PINNED = new ThreadLocal<>();

    private final Clock delegate;

    private ArrivalClock(Clock delegate) {
        this.delegate = delegate;
    }

    /** Makes this the clock of event messages, around whatever clock they had. */
    static synchronized void install() {
        if (!(GenericEventMessage.clock instanceof ArrivalClock)) {
            GenericEventMessage.clock = new ArrivalClock(GenericEventMessage.clock);
        }
    }

    /** Runs {@code work} with every event message created on this thread stamped {@code at}. */
    static <T> T pinnedAt(Instant at, Supplier<T> work) {
        Instant before = PINNED.get();
        PINNED.set(at);
        try {
            return work.get();
        } finally {
            if (before == null) {
                PINNED.remove();
            } else {
                PINNED.set(before);
            }
        }
    }

    @Override
    public Instant instant() {
        Instant pinned = PINNED.get();
        return pinned != null ? pinned : delegate.instant();
    }

    @Override
    public ZoneId getZone() {
        return delegate.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ArrivalClock(delegate.withZone(zone));
    }
}
