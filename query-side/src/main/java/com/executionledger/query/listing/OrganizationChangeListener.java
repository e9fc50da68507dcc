package com.executionledger.query.listing;

import com.executionledger.query.readmodel.ReadModelChanges;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The read model's change announcements ({@link ReadModelChanges}), as this instance heard them:
 * what was read from an organization's rows stays current until a change to that organization is
 * heard. While this instance is not listening nothing counts as current (a change could go
 * unheard). What is kept may outlive a commit by the moment its notification takes to arrive, a
 * few milliseconds.
 */
@Component
class OrganizationChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrganizationChangeListener.class);
    private static final int MAX_ORGANIZATIONS_TRACKED = 100_000;
    private static final int WAIT_MILLIS = 1_000;
    private static final long PROBE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final DataSourceProperties database;
    /** When each organization last changed, on {@link #clock}; {@link #everythingChangedAt} for all of them. */
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private volatile long everythingChangedAt;
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;

    OrganizationChangeListener(DataSourceProperties database) {
        this.database = database;
    }

    /** The moment to keep beside what is read: taken before reading it from the database. */
    long now() {
        return clock.get();
    }

    /** Whether what was read from the organization's rows after {@code readAt} is still current. */
    boolean unchangedSince(String organizationId, long readAt) {
        return listening && everythingChangedAt <= readAt && changedAt.getOrDefault(organizationId, 0L) <= readAt;
    }

    void changed(String organizationId) {
        long at = clock.incrementAndGet();
        if (ReadModelChanges.EVERY_ORGANIZATION.equals(organizationId) || changedAt.size() >= MAX_ORGANIZATIONS_TRACKED) {
            everythingChangedAt = at;
            changedAt.clear(); // bounded: forgetting who changed when is safe once everything counts as changed
        } else {
            changedAt.put(organizationId, at);
        }
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "read-model-changes-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        listener.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Listens on its own connection, reconnecting while the database is away; nothing is current meanwhile. */
    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.determineUrl(),
                    database.determineUsername(), database.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ReadModelChanges.CHANNEL);
                }
                changed(ReadModelChanges.EVERY_ORGANIZATION); // changes made while not listening went unheard
                listening = true;
                receive(connection);
            } catch (SQLException e) {
                if (running) {
                    log.warn("Not listening for read-model changes ({}); pages are read from the database", e.toString());
                }
            } finally {
                listening = false;
            }
            pause();
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    changed(notification.getParameter());
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > PROBE_AFTER_NANOS) {
                try (Statement probe = connection.createStatement()) {
                    probe.execute("SELECT 1"); // a silently dropped connection would otherwise look quiet
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
