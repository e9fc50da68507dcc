package com.executionledger.query.listing;

import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiException;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
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

    /** A page; {@code nextCursor} pages on from its last finding, with the same rules and grace. */
    record FindingPage(boolean hasMore, List<Finding> items, int limit, long offset, long graceMinutes, String nextCursor) {
    }

    private final ExecutionRows rows;
    private final Clock clock;

    ReconciliationController(ExecutionRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @KnownParameters({"limit", "offset", "cursor", "rule", "graceMinutes", ReadFreshness.PARAMETER})
    @GetMapping("/v1/reconciliation")
    ApiEnvelope<FindingPage> findings(HttpServletRequest request,
                                      @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        int limit = (int) QueryParameters.wholeNumber(request, "limit", PageBounds.DEFAULT_LIMIT, 1, PageBounds.MAX_LIMIT);
        long offset = QueryParameters.wholeNumber(request, "offset", 0, 0, PageBounds.MAX_OFFSET);
        long grace = QueryParameters.wholeNumber(request, "graceMinutes", DEFAULT_GRACE_MINUTES, 0, MAX_GRACE_MINUTES);
        SortedSet<String> rules = QueryParameters.list(request, "rule", RULES, 32);
        String filter = rules + "/" + grace;
        ExecutionRows.FindingPosition after = cursor(request, filter);
        Instant paidBefore = clock.instant().minus(Duration.ofMinutes(grace));
        List<ExecutionRows.Disagreement> found = rows.disagreements(organization.id(), rules, paidBefore, after,
                limit + 1, offset);
        List<Finding> page = found.stream().limit(limit)
                .map(each -> new Finding(each.rule(), each.since(), ExecutionItem.of(each.state()))).toList();
        boolean hasMore = found.size() > limit;
        String next = null;
        if (hasMore) {
            ExecutionRows.Disagreement last = found.get(limit - 1);
            next = FindingCursor.encode(new ExecutionRows.FindingPosition(last.since(), last.state().id(), last.rule()), filter);
        }
        return ApiEnvelope.success(new FindingPage(hasMore, page, limit, offset, grace, next), RequestIds.of(request));
    }

    private static ExecutionRows.FindingPosition cursor(HttpServletRequest request, String filter) {
        String[] cursor = request.getParameterValues("cursor");
        if (cursor == null) {
            return null;
        }
        if (cursor.length > 1 || request.getParameter("offset") != null) {
            throw ApiException.invalidParameter("cursor", "cursor must be given once, and without offset");
        }
        return FindingCursor.decode(cursor[0], filter);
    }
}
