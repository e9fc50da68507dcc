package com.executionledger.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC to the benchmark's database: for setup, checks, and the database-alone baselines. */
final class Database {

    private final String url;
    private final String user;
    private final String password;

    Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether every segment of the executions projection has passed the newest event in the ledger. */
    boolean projectionCaughtUp() throws SQLException {
        return count("""
                SELECT count(*) FROM token_entry WHERE processor_name = 'executions' AND (token IS NULL
                    OR (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint
                        < (SELECT coalesce(max(global_index), 0) FROM domain_event_entry))""") == 0;
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether the server keeps commit times of rows, which the lag's stages are read from. */
    boolean tracksCommitTimes() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW track_commit_timestamp")) {
            rs.next();
            return rs.getString(1).equals("on");
        }
    }
}
