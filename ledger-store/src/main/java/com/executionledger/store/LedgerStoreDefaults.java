package com.executionledger.store;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every service on the ledger's event store needs, added with the lowest precedence so
 * that a deployment can still override them: JSON payloads, no Axon Server, our own migrations,
 * and no per-handler timeouts: Axon's take a stack trace of the calling thread on every handler
 * call (a third of the ingest's CPU when measured), while our handlers are bounded in-memory work
 * and the batch around them is bounded by its transaction. Readiness includes GC pressure.
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
                "axon.timeout.enabled", "false",
                "axon.serializer.general", "jackson",
                "axon.serializer.events", "jackson",
                "axon.serializer.messages", "jackson",
                "spring.flyway.enabled", "false",
                "spring.jackson.serialization.write-dates-as-timestamps", "false",
                "management.endpoint.health.group.readiness.include", "readinessState,gcPressure")));
    }
}
