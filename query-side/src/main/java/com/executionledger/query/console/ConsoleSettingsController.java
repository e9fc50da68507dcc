package com.executionledger.query.console;

import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /console/settings}: what the console needs before anyone signs in, which is where the
 * command side's admin API is (dead letters live there). Nothing in it is secret.
 */
@RestController
class ConsoleSettingsController {

    record Settings(String commandSideUrl) {
    }

    private final Settings settings;

    ConsoleSettingsController(@Value("${ledger.console.command-side-url:}") String commandSideUrl) {
        this.settings = new Settings(commandSideUrl.isBlank() ? null : commandSideUrl.trim().replaceAll("/+$", ""));
    }

    @KnownParameters({})
    @GetMapping("/console/settings")
    ApiEnvelope<Settings> settings(HttpServletRequest request) {
        return ApiEnvelope.success(settings, RequestIds.of(request));
    }
}
