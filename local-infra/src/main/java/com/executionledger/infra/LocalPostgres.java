package com.executionledger.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests and the local run, chosen once per JVM: the one named by
 * {@code LEDGER_DB_URL} (with {@code LEDGER_DB_USER}, {@code LEDGER_DB_PASSWORD}), else a
 * Testcontainers container where a Docker engine answers, else zonky's embedded PostgreSQL.
 */
public final class LocalPostgres {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String IMAGE = "postgres:17.6-alpine";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String description;
    private final AutoCloseable resource;

    private LocalPostgres(String serverUrl, String user, String password, String description, AutoCloseable resource) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.resource = resource;
    }

    private static final class Shared {
        static final LocalPostgres INSTANCE = stoppedAtExit(start());
    }

    /** The JVM's server, started on first use and stopped when the JVM exits. */
    public static LocalPostgres shared() {
        return Shared.INSTANCE;
    }

    private static LocalPostgres stoppedAtExit(LocalPostgres postgres) {
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-postgres"));
        return postgres;
    }

    /** Starts a server of our own, which the caller closes. */
    public static LocalPostgres start() {
        String configured = System.getenv("LEDGER_DB_URL");
        LocalPostgres postgres;
        if (configured != null && !configured.isBlank()) {
            postgres = new LocalPostgres(configured, envOr("LEDGER_DB_USER", "postgres"),
                    envOr("LEDGER_DB_PASSWORD", ""), "configured " + configured, () -> { });
        } else if (DockerEngine.answers()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE);
            container.start();
            postgres = new LocalPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers " + IMAGE, container::stop);
        } else {
            postgres = startEmbedded();
        }
        log.info("PostgreSQL: {}", postgres.description);
        return postgres;
    }

    static LocalPostgres startEmbedded() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            String dataDirectory = System.getenv("LEDGER_EMBEDDED_PG_DIR");
            if (dataDirectory != null && !dataDirectory.isBlank()) {
                // the launcher's choice, kept between runs: it also stops a server that a JVM killed
                // hard left running
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres embedded = builder
                    .setServerConfig("max_connections", "300")
                    // zonky starts its server with fsync and synchronous_commit off, which would let the
                    // ledger acknowledge (and commit the Kafka offsets of) events that a crash then loses,
                    // and would flatter every benchmark: both as a production server has them
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // commit times of rows: the benchmarks split the lag into its stages with them
                    .setServerConfig("track_commit_timestamp", "on")
                    .start();
            String url = embedded.getJdbcUrl("postgres", "postgres");
            return new LocalPostgres(url, "postgres", "", "embedded (zonky) on port " + embedded.getPort(), embedded);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The JDBC URL of the server's administrative database. */
    public String serverUrl() {
        return serverUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Whether this is a server named by the environment rather than one started here. */
    public boolean configured() {
        return description.startsWith("configured");
    }

    /** The JDBC URL of the named database, created first if the server lacks it. */
    public String database(String name) {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + description, e);
        }
        return urlOf(name);
    }

    /** Creates an empty database of its own, so that tests sharing the server do not share tables. */
    public String newDatabase(String prefix) {
        return database((prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT));
    }

    /** The JDBC URL of another database on the same server. */
    public String urlOf(String database) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String parameters = query < 0 ? "" : serverUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
