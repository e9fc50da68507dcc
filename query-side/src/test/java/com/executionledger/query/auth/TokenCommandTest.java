package com.executionledger.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.infra.LocalPostgres;
import com.executionledger.store.SchemaMigration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The token command against a real PostgreSQL: create shows the token once, list never does. */
class TokenCommandTest {

    private ApiTokens tokens;
    private JdbcTemplate jdbc;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void freshDatabase() {
        LocalPostgres postgres = LocalPostgres.shared();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                postgres.newDatabase("tokens"), postgres.user(), postgres.password());
        SchemaMigration.migrate(dataSource, "query");
        jdbc = new JdbcTemplate(dataSource);
        tokens = new ApiTokens(jdbc, Clock.systemUTC());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return TokenCommand.run(tokens, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void createsListsAndRevokesTokens() {
        assertThat(run("tokens", "create", "--org", "org_acme", "--name", "ci")).isZero();
        Matcher created = Pattern.compile("created token (\\d+) 'ci' for organization org_acme\\n(elt_[A-Za-z0-9_-]{43})\\n")
                .matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(created.find()).isTrue();
        String token = created.group(2);
        assertThat(tokens.organizationOf(token)).contains(new Organization("org_acme"));

        assertThat(run("tokens", "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("org_acme").contains("ci").doesNotContain(token);
        assertThat(jdbc.queryForObject("SELECT length(token_hash) FROM api_tokens", Integer.class)).isEqualTo(32);

        assertThat(run("tokens", "revoke", created.group(1))).isZero();
        assertThat(tokens.organizationOf(token)).isEmpty();
        assertThat(run("tokens", "revoke", created.group(1))).isEqualTo(1);
    }

    @Test
    void aDatabaseWithoutTheLedgerIsRefusedAndLeftAsItWas() {
        LocalPostgres postgres = LocalPostgres.shared();
        DriverManagerDataSource elsewhere = new DriverManagerDataSource(
                postgres.newDatabase("not_a_ledger"), postgres.user(), postgres.password());
        int status = TokenCommand.run(elsewhere, new String[] {"tokens", "list"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no ledger");
        assertThat(new JdbcTemplate(elsewhere).queryForObject(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", Integer.class)).isZero();
    }

    @Test
    void createSchemaGivesAnEmptyDatabaseTheLedgersTablesWhenAskedTo() {
        LocalPostgres postgres = LocalPostgres.shared();
        DriverManagerDataSource empty = new DriverManagerDataSource(
                postgres.newDatabase("new_ledger"), postgres.user(), postgres.password());
        int status = TokenCommand.run(empty, new String[] {"tokens", "create", "--org", "org_new", "--create-schema",
                "--name", "first"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(new JdbcTemplate(empty).queryForObject("SELECT organization_id FROM api_tokens", String.class))
                .isEqualTo("org_new");
        assertThat(new JdbcTemplate(empty).queryForObject("SELECT to_regclass('executions') IS NOT NULL", Boolean.class))
                .isTrue();
    }

    @Test
    void wrongUsageExplainsItself() {
        assertThat(run("tokens", "create", "--org", "org_acme")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: tokens create --org ORGANIZATION_ID --name NAME");
        assertThat(run("tokens", "revoke", "abc")).isEqualTo(2);
        assertThat(run("tokens")).isEqualTo(2);
    }
}
