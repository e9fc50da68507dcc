package com.executionledger.command.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Tells a failing event from a failing database: only the first may be dead-lettered. */
@Component
class DatabaseHealth {

    private final JdbcTemplate jdbc;

    DatabaseHealth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean databaseAnswers() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
