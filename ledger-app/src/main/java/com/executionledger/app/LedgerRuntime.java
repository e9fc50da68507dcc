package com.executionledger.app;

import com.executionledger.command.CommandSideApplication;
import com.executionledger.query.QuerySideApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command side and the query side as two Spring contexts in one JVM, on the same database
 * and broker: the shape of a production deployment, folded into one process for trying it.
 */
final class LedgerRuntime implements AutoCloseable {

    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;

    private LedgerRuntime(ConfigurableApplicationContext commandSide, ConfigurableApplicationContext querySide) {
        this.commandSide = commandSide;
        this.querySide = querySide;
    }

    /**
     * Starts both sides with these Spring properties (database, broker, topic, ...) and their own
     * ports. The caller closes it: neither registers a shutdown hook of its own, so that the
     * infrastructure under them is stopped only after both.
     */
    static LedgerRuntime start(Map<String, String> properties, int commandPort, int apiPort) {
        Map<String, String> commandProperties = new HashMap<>(properties);
        // the console, served by the query side on this machine, calls the dead letters' endpoints
        commandProperties.putIfAbsent("ledger.admin.allowed-origins", "http://localhost:[*],http://127.0.0.1:[*]");
        ConfigurableApplicationContext commandSide =
                CommandSideApplication.start(arguments(commandProperties, commandPort));
        try {
            Map<String, String> queryProperties = new HashMap<>(properties);
            queryProperties.putIfAbsent("ledger.console.command-side-url",
                    "http://localhost:" + ((WebServerApplicationContext) commandSide).getWebServer().getPort());
            return new LedgerRuntime(commandSide, QuerySideApplication.start(arguments(queryProperties, apiPort)));
        } catch (RuntimeException e) {
            commandSide.close();
            throw e;
        }
    }

    /** One more command side on the same database and broker: a second instance, as a scaled-out deployment runs. */
    static ConfigurableApplicationContext startCommandSide(Map<String, String> properties, int commandPort) {
        return CommandSideApplication.start(arguments(properties, commandPort));
    }

    private static String[] arguments(Map<String, String> properties, int port) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=" + port);
        arguments.add("--spring.main.register-shutdown-hook=false");
        arguments.add("--spring.main.banner-mode=off");
        // one JVM, one logging system: the first side's name would label the other's lines too
        arguments.add("--logging.include-application-name=false");
        return arguments.toArray(String[]::new);
    }

    ConfigurableApplicationContext querySide() {
        return querySide;
    }

    ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    int apiPort() {
        return ((WebServerApplicationContext) querySide).getWebServer().getPort();
    }

    int commandPort() {
        return ((WebServerApplicationContext) commandSide).getWebServer().getPort();
    }

    @Override
    public void close() {
        querySide.close();
        commandSide.close();
    }
}
