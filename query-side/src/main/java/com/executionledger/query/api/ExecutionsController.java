package com.executionledger.query.api;

import com.executionledger.events.ExecutionState;
import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionRows;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/executions}: the organization's executions, newest first, a page at a time. */
@RestController
class ExecutionsController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final ExecutionRows rows;

    ExecutionsController(ExecutionRows rows) {
        this.rows = rows;
    }

    @GetMapping("/v1/executions")
    ApiResponse<ExecutionPage> list(HttpServletRequest request,
                                    @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        int limit = (int) QueryParameters.wholeNumber(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = QueryParameters.wholeNumber(request, "offset", 0, 0, Long.MAX_VALUE);
        List<ExecutionState> rowsAndOneMore = rows.page(organization.id(), limit + 1, offset);
        boolean hasMore = rowsAndOneMore.size() > limit;
        List<ExecutionItem> items = rowsAndOneMore.stream().limit(limit).map(ExecutionItem::of).toList();
        return ApiResponse.success(new ExecutionPage(hasMore, items, limit, offset), RequestIds.of(request));
    }
}
