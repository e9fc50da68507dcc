package com.executionledger.query.auth;

import com.executionledger.store.SchemaMigration;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code tokens create --org ORG --name NAME | tokens list | tokens revoke ID}: manages API tokens
 * in the database named by {@code LEDGER_DB_URL}, without starting the service.
 */
public final class TokenCommand {

    private static final String USAGE = """
            usage: tokens create --org ORGANIZATION_ID --name NAME
                   tokens list
                   tokens revoke TOKEN_ID
            The database comes from LEDGER_DB_URL, LEDGER_DB_USER and LEDGER_DB_PASSWORD. One without
            the ledger's tables is refused; --create-schema creates them there (a new, empty ledger).""";
    private static final String CREATE_SCHEMA = "--create-schema";

    private TokenCommand() {
    }

    /**
     * Against the ledger's database only: one without the ledger's tables is refused rather than
     * given them (a wrong LEDGER_DB_URL must not turn some other database into a ledger's), unless
     * {@code --create-schema} asks for them. One that holds the ledger is brought up to this
     * version's schema first.
     */
    public static int run(DataSource dataSource, String[] args, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>(Arrays.asList(args));
        boolean createSchema = words.remove(CREATE_SCHEMA);
        Boolean holdsLedger = new JdbcTemplate(dataSource).queryForObject(
                "SELECT to_regclass('api_tokens') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(holdsLedger) && !createSchema) {
            err.println("this database holds no ledger (no api_tokens table): point LEDGER_DB_URL at the ledger's"
                    + " database (./ledger prints its URL), or add " + CREATE_SCHEMA + " to create the ledger's"
                    + " tables in this one");
            return 3;
        }
        SchemaMigration.migrate(dataSource, "query");
        return run(new ApiTokens(new JdbcTemplate(dataSource), Clock.systemUTC()), words.toArray(String[]::new), out, err);
    }

    static int run(ApiTokens tokens, String[] args, PrintStream out, PrintStream err) {
        List<String> words = Arrays.asList(args).subList(1, args.length);
        String verb = words.isEmpty() ? "" : words.get(0);
        switch (verb) {
            case "create" -> {
                String organization = option(words, "--org");
                String name = option(words, "--name");
                if (organization == null || name == null) {
                    err.println(USAGE);
                    return 2;
                }
                ApiTokens.IssuedToken issued = tokens.create(organization, name);
                out.printf("created token %d '%s' for organization %s%n%s%n(shown once: only its hash is kept)%n",
                        issued.id(), issued.name(), issued.organizationId(), issued.token());
                return 0;
            }
            case "list" -> {
                out.printf("%-6s %-24s %-24s %-28s %s%n", "ID", "ORGANIZATION", "NAME", "CREATED", "REVOKED");
                tokens.list().forEach(token -> out.printf("%-6d %-24s %-24s %-28s %s%n", token.id(),
                        token.organizationId(), token.name(), token.createdAt(),
                        token.revokedAt() == null ? "-" : token.revokedAt()));
                return 0;
            }
            case "revoke" -> {
                if (words.size() != 2 || !words.get(1).matches("\\d{1,18}")) {
                    err.println(USAGE);
                    return 2;
                }
                boolean revoked = tokens.revoke(Long.parseLong(words.get(1)));
                (revoked ? out : err).println(revoked ? "revoked token " + words.get(1) : "no live token " + words.get(1));
                return revoked ? 0 : 1;
            }
            default -> {
                err.println(USAGE);
                return 2;
            }
        }
    }

    private static String option(List<String> words, String name) {
        int at = words.indexOf(name);
        return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : null;
    }
}
