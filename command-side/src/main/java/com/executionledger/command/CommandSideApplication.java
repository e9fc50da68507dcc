package com.executionledger.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** The write path: upstream events in, validated, appended to the event store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    /** The topic upstream systems publish to unless {@code LEDGER_KAFKA_TOPIC} names another. */
    public static final String DEFAULT_TOPIC = "execution-events";

    /** Its own config file name, so that both sides can share one JVM in the local run. */
    public static final String CONFIG_NAME = "command-side";

    public static void main(String[] args) {
        start(args);
    }

    public static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
