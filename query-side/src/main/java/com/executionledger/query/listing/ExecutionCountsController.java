package com.executionledger.query.listing;

import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionCounts;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/execution-counts}: the organization's executions by status, for dashboards. */
@RestController
class ExecutionCountsController {

    /** Every status, zero included, and their sum. */
    record Counts(Map<String, Long> byStatus, long total) {
    }

    private final ExecutionCounts counts;

    ExecutionCountsController(ExecutionCounts counts) {
        this.counts = counts;
    }

    @KnownParameters({ReadFreshness.PARAMETER})
    @GetMapping("/v1/execution-counts")
    ApiEnvelope<Counts> counts(HttpServletRequest request, @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        Map<String, Long> byStatus = counts.of(organization.id());
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return ApiEnvelope.success(new Counts(byStatus, total), RequestIds.of(request));
    }
}
