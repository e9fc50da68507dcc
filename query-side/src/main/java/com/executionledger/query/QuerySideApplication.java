package com.executionledger.query;

import com.executionledger.query.audit.LedgerCommand;
import com.executionledger.query.auth.TokenCommand;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The read side: projects the ledger into the executions read model and serves the API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerySideApplication {

    /** Its own config file name, so that both sides can share one JVM in the local run. */
    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("tokens") || args[0].equals("ledger"))) {
            DataSource database = new DriverManagerDataSource(env("LEDGER_DB_URL", "jdbc:postgresql://localhost:5432/ledger"),
                    env("LEDGER_DB_USER", "postgres"), env("LEDGER_DB_PASSWORD", ""));
            System.exit(args[0].equals("tokens")
                    ? TokenCommand.run(database, args, System.out, System.err)
                    : LedgerCommand.run(database, args, System.out, System.err));
        }
        start(args);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
