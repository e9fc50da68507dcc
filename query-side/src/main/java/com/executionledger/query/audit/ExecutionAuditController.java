package com.executionledger.query.audit;

import com.executionledger.events.ContractLimits;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.query.audit.ExecutionHistory;
import com.executionledger.query.auth.Organization;
import com.executionledger.query.listing.ExecutionItem;
import com.executionledger.query.listing.PageBounds;
import com.executionledger.query.listing.QueryParameters;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiErrors;
import com.executionledger.web.ApiException;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * One execution, now or as of an instant, and its history. An execution of another organization
 * answers exactly as one that does not exist.
 */
@RestController
class ExecutionAuditController {

    /** The {@code data} of a history answer. */
    record HistoryPage(boolean hasMore, List<ExecutionHistory.Entry> items, int limit, long offset) {
    }

    private final ExecutionRows rows;
    private final ExecutionHistory history;

    ExecutionAuditController(ExecutionRows rows, ExecutionHistory history) {
        this.rows = rows;
        this.history = history;
    }

    /**
     * A missing execution is answered rather than thrown: clients poll for executions not yet
     * projected, and a thrown answer costs a reflective wrapper with its stack trace and the
     * exception resolvers each time.
     */
    @KnownParameters({"asOf", "minPosition"})
    @GetMapping("/v1/executions/{id}")
    ResponseEntity<?> one(@PathVariable String id, HttpServletRequest request,
                          @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        Optional<Instant> asOf = QueryParameters.instant(request, "asOf");
        Optional<ExecutionState> state = asOf.isPresent()
                ? history.asOf(organization.id(), id, asOf.get())
                : rows.find(organization.id(), id);
        if (state.isEmpty()) {
            return ApiErrors.answer(HttpStatus.NOT_FOUND, notFoundMessage(id), request);
        }
        return ResponseEntity.ok(ApiEnvelope.success(ExecutionItem.of(state.get()), RequestIds.of(request)));
    }

    @KnownParameters({"limit", "offset", "minPosition"})
    @GetMapping("/v1/executions/{id}/events")
    ApiEnvelope<HistoryPage> events(@PathVariable String id, HttpServletRequest request,
                                    @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        int limit = (int) QueryParameters.wholeNumber(request, "limit", PageBounds.DEFAULT_LIMIT, 1,
                PageBounds.MAX_LIMIT);
        long offset = QueryParameters.wholeNumber(request, "offset", 0, 0, PageBounds.MAX_OFFSET);
        List<ExecutionHistory.Entry> entries = history.of(organization.id(), id).orElseThrow(() -> notFound(id));
        List<ExecutionHistory.Entry> page = entries.stream().skip(offset).limit(limit).toList();
        boolean hasMore = offset + page.size() < entries.size();
        return ApiEnvelope.success(new HistoryPage(hasMore, page, limit, offset), RequestIds.of(request));
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, notFoundMessage(id));
    }

    private static String notFoundMessage(String id) {
        String shown = id.length() <= 60 ? id : id.substring(0, 60) + "...";
        return "no execution '" + shown + "'";
    }

}
