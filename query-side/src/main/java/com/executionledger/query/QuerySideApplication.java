package com.executionledger.query;

import com.executionledger.query.auth.TokenCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** The read side: projects the ledger into the executions read model and serves the API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerySideApplication {

    /** Its own config file name, so that both sides can share one JVM in the local run. */
    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("tokens")) {
            System.exit(TokenCommand.run(args, System.out, System.err));
        }
        start(args);
    }

    public static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
