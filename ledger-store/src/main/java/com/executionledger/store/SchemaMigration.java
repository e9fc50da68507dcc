package com.executionledger.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One Flyway history per owner of tables. The command side and the query side deploy apart and
 * each migrates what it owns; the event store's tables are migrated by whichever starts first
 * (Flyway's lock in PostgreSQL makes a simultaneous start safe).
 */
public final class SchemaMigration {

    private SchemaMigration() {
    }

    /** Marks, as a bean, that an owner's tables exist; Axon's beans touch tables only after start-up. */
    public record Migrated(String owner) {
    }

    public static Migrated migrate(DataSource dataSource, String owner) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + owner)
                .table("flyway_history_" + owner)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new Migrated(owner);
    }
}
