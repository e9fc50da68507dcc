package com.executionledger.query.api;

import com.executionledger.events.ExecutionState;
import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionRows;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/executions}: the organization's executions, newest first, a page at a time. */
@RestController
class ExecutionsController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** Deeper offsets cost the database a walk over every row before them: the cursor pages at any depth. */
    static final long MAX_OFFSET = 10_000;

    private final ExecutionRows rows;

    ExecutionsController(ExecutionRows rows) {
        this.rows = rows;
    }

    @GetMapping("/v1/executions")
    ApiResponse<ExecutionPage> list(HttpServletRequest request,
                                    @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        int limit = (int) QueryParameters.wholeNumber(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String[] cursor = request.getParameterValues("cursor");
        long offset;
        List<ExecutionState> rowsAndOneMore;
        if (cursor == null) {
            offset = QueryParameters.wholeNumber(request, "offset", 0, 0, MAX_OFFSET,
                    "; to page deeper, pass cursor=<data.nextCursor> of the previous page");
            rowsAndOneMore = rows.page(organization.id(), limit + 1, offset);
        } else {
            if (cursor.length > 1 || request.getParameter("offset") != null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "cursor must be given once, and without offset");
            }
            PageCursor after = PageCursor.decode(cursor[0]);
            offset = 0;
            rowsAndOneMore = rows.pageAfter(organization.id(), after.createdAt(), after.id(), limit + 1);
        }
        boolean hasMore = rowsAndOneMore.size() > limit;
        List<ExecutionState> page = rowsAndOneMore.subList(0, Math.min(limit, rowsAndOneMore.size()));
        String nextCursor = hasMore
                ? new PageCursor(page.get(page.size() - 1).createdAt(), page.get(page.size() - 1).id()).encode() : null;
        List<ExecutionItem> items = page.stream().map(ExecutionItem::of).toList();
        return ApiResponse.success(new ExecutionPage(hasMore, items, limit, offset, nextCursor), RequestIds.of(request));
    }
}
