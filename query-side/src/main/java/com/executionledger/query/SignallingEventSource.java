package com.executionledger.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as the projection's pooled processor reads it, with the one thing the embedded
 * store's streams lack: a signal when new events have come. Without it the processor looks again
 * only every 500 ms once it has caught up, and that would be the projection's lag. One watcher
 * thread tails the store (sharing its reader and cache with the processor's stream) and wakes
 * every registered reader as soon as the store has fetched new events.
 */
final class SignallingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignallingEventSource.class);

    private final EmbeddedEventStore store;
    private final Set<Runnable> readers = ConcurrentHashMap.newKeySet();
    private Thread watcher;
    private volatile boolean closed;

    SignallingEventSource(EmbeddedEventStore store) {
        this.store = store;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Signalled(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    private synchronized void watch() {
        if (watcher == null && !closed) {
            watcher = new Thread(this::wakeReadersOnNewEvents, "new-events-signal");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void wakeReadersOnNewEvents() {
        while (!closed) {
            try (BlockingStream<TrackedEventMessage<?>> tail = store.openStream(store.createHeadToken())) {
                while (!closed) {
                    if (tail.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (tail.hasNextAvailable()) {
                            tail.nextAvailable(); // only their coming matters here
                        }
                        readers.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Watching for new events failed ({}); watching again in a second", e.toString());
                readers.forEach(Runnable::run); // whatever came meanwhile is read without waiting for the next
                try {
                    Thread.sleep(1_000); // the database away must not turn this loop into a busy one
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    /** A stream of the store whose reader is woken by the watcher. */
    private final class Signalled implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        Signalled(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            readers.add(callback);
            watch();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            if (callback != null) {
                readers.remove(callback);
            }
            delegate.close();
        }
    }
}
