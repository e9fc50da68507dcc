package com.executionledger.query.listing;

import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/reconciliation}: the organization's executions whose payment and workflow
 * disagree, most recent first, each with the rule it breaks and since when. Kept by the read
 * model as rows change (V8): a page costs the same however many executions there are.
 */
@RestController
class ReconciliationController {

    static final List<String> RULES = List.of("paid_not_queued", "started_unpaid", "failed_unrefunded",
            "refunded_succeeded");
    private static final long DEFAULT_GRACE_MINUTES = 15;
    private static final long MAX_GRACE_MINUTES = 7 * 24 * 60;

    record Finding(String rule, Instant since, ExecutionItem execution) {
    }

    record FindingPage(boolean hasMore, List<Finding> items, int limit, long offset, long graceMinutes) {
    }

    private final ExecutionRows rows;
    private final Clock clock;

    ReconciliationController(ExecutionRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @KnownParameters({"limit", "offset", "rule", "graceMinutes", ReadFreshness.PARAMETER})
    @GetMapping("/v1/reconciliation")
    ApiEnvelope<FindingPage> findings(HttpServletRequest request,
                                      @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        int limit = (int) QueryParameters.wholeNumber(request, "limit", PageBounds.DEFAULT_LIMIT, 1, PageBounds.MAX_LIMIT);
        long offset = QueryParameters.wholeNumber(request, "offset", 0, 0, PageBounds.MAX_OFFSET);
        long grace = QueryParameters.wholeNumber(request, "graceMinutes", DEFAULT_GRACE_MINUTES, 0, MAX_GRACE_MINUTES);
        Instant paidBefore = clock.instant().minus(Duration.ofMinutes(grace));
        List<ExecutionRows.Disagreement> found = rows.disagreements(organization.id(),
                QueryParameters.list(request, "rule", RULES, 32), paidBefore, limit + 1, offset);
        List<Finding> page = found.stream().limit(limit)
                .map(each -> new Finding(each.rule(), each.since(), ExecutionItem.of(each.state()))).toList();
        return ApiEnvelope.success(new FindingPage(found.size() > limit, page, limit, offset, grace), RequestIds.of(request));
    }
}
