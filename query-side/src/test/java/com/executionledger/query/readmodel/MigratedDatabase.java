package com.executionledger.query.readmodel;

import com.executionledger.infra.LocalPostgres;
import com.executionledger.store.SchemaMigration;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the query side's schema behind a small pool (a connection per statement
 * would make a test about connecting), for tests of the read model's SQL.
 */
final class MigratedDatabase implements AutoCloseable {

    final JdbcTemplate jdbc;
    final TransactionTemplate transaction;
    final ExecutionRows rows;
    private final HikariDataSource pool;

    private MigratedDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = new JdbcTemplate(pool);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
        this.transaction = new TransactionTemplate(transactions);
        this.rows = new ExecutionRows(jdbc, new ObjectMapper(), transactions);
    }

    static MigratedDatabase fresh(String prefix, int connections) {
        LocalPostgres postgres = LocalPostgres.shared();
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.newDatabase(prefix));
        pool.setUsername(postgres.user());
        pool.setPassword(postgres.password());
        pool.setMaximumPoolSize(connections);
        SchemaMigration.migrate(pool, "query");
        return new MigratedDatabase(pool);
    }

    @Override
    public void close() {
        pool.close();
    }
}
