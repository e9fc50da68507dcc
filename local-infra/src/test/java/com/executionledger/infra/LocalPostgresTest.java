package com.executionledger.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void embeddedServerCommitsDurably() throws Exception {
        LocalPostgres embedded = LocalPostgres.startEmbedded();
        try (Connection connection = DriverManager.getConnection(embedded.serverUrl(), embedded.user(), embedded.password());
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
        } finally {
            embedded.close();
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
