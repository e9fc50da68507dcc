package com.executionledger.store;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every service on the ledger's event store needs, added with the lowest precedence so
 * that a deployment can still override them: JSON payloads, no Axon Server, our own migrations.
 */
class LedgerStoreDefaults implements EnvironmentPostProcessor {

    static {
        // Axon's update checker phones home; a ledger on a closed network must not try.
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("ledgerStoreDefaults", Map.of(
                "axon.axonserver.enabled", "false",
                "axon.serializer.general", "jackson",
                "axon.serializer.events", "jackson",
                "axon.serializer.messages", "jackson",
                "spring.flyway.enabled", "false",
                "spring.jackson.serialization.write-dates-as-timestamps", "false")));
    }
}
