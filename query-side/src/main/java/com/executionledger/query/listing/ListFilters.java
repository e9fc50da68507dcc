package com.executionledger.query.listing;

import com.executionledger.events.ExecutionStatus;
import com.executionledger.query.readmodel.ListFilter;
import com.executionledger.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The list's filter parameters, read strictly ({@link QueryParameters}). */
final class ListFilters {

    static final List<String> PARAMETERS = List.of("status", "paymentStatus", "workflowId", "sourceSystem",
            "initiatedById", "createdAfter", "createdBefore");
    private static final List<String> STATUSES = Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::wireName).toList();
    /** A payment provider's own statuses are kept as sent (events.md), so any of that length is a value. */
    private static final int PAYMENT_STATUS_LENGTH = 64;

    private ListFilters() {
    }

    static ListFilter from(HttpServletRequest request) {
        Optional<Instant> after = QueryParameters.instant(request, "createdAfter");
        Optional<Instant> before = QueryParameters.instant(request, "createdBefore");
        if (after.isPresent() && before.isPresent() && !before.get().isAfter(after.get())) {
            throw ApiException.invalidParameter("createdBefore", "createdBefore must be later than createdAfter");
        }
        return new ListFilter(QueryParameters.list(request, "status", STATUSES, 32),
                QueryParameters.list(request, "paymentStatus", List.of(), PAYMENT_STATUS_LENGTH),
                QueryParameters.text(request, "workflowId").orElse(null),
                QueryParameters.text(request, "sourceSystem").orElse(null),
                QueryParameters.text(request, "initiatedById").orElse(null), after.orElse(null), before.orElse(null));
    }
}
