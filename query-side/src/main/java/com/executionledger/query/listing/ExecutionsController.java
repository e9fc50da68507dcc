package com.executionledger.query.listing;

import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.query.readmodel.ListFilter;
import com.executionledger.query.readmodel.ListPosition;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiException;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/executions}: the organization's executions, newest first, a page at a time. */
@RestController
class ExecutionsController {

    private final ExecutionRows rows;
    private final FirstPages firstPages;
    private final OffsetLandmarks offsets;
    private final ObjectMapper json;

    ExecutionsController(ExecutionRows rows, FirstPages firstPages, OffsetLandmarks offsets, ObjectMapper json) {
        this.rows = rows;
        this.firstPages = firstPages;
        this.offsets = offsets;
        this.json = json;
    }

    @KnownParameters({"limit", "offset", "cursor", "status", "paymentStatus", "workflowId", "sourceSystem", "initiatedById",
            "createdAfter", "createdBefore", ReadFreshness.PARAMETER})
    @GetMapping("/v1/executions")
    ApiEnvelope<?> list(HttpServletRequest request, HttpServletResponse response,
                        @RequestAttribute(Organization.ATTRIBUTE) Organization organization)
            throws JsonProcessingException {
        int limit = (int) QueryParameters.wholeNumber(request, "limit", PageBounds.DEFAULT_LIMIT, 1, PageBounds.MAX_LIMIT);
        ListFilter filter = ListFilters.from(request);
        String[] cursor = request.getParameterValues("cursor");
        long offset;
        List<ExecutionState> rowsAndOneMore;
        if (cursor == null) {
            offset = QueryParameters.wholeNumber(request, "offset", 0, 0, PageBounds.MAX_OFFSET,
                    "; to page deeper, pass cursor=<data.nextCursor> of the previous page");
            if (!filter.isEmpty()) {
                rowsAndOneMore = rows.page(organization.id(), filter, limit + 1, offset);
            } else if (offset == 0) {
                return ApiEnvelope.success(firstPage(organization.id(), limit, request, response), RequestIds.of(request));
            } else {
                rowsAndOneMore = offsets.page(organization.id(), limit + 1, offset);
            }
        } else {
            if (cursor.length > 1 || request.getParameter("offset") != null) {
                throw ApiException.invalidParameter("cursor", "cursor must be given once, and without offset");
            }
            offset = 0;
            ListPosition after = PageCursor.decode(cursor[0], filter);
            rowsAndOneMore = filter.isEmpty() ? rows.pageAfter(organization.id(), after, limit + 1)
                    : rows.pageAfter(organization.id(), filter, after, limit + 1);
        }
        return ApiEnvelope.success(pageOf(rowsAndOneMore, limit, offset, filter), RequestIds.of(request));
    }

    /**
     * The most asked page, answered from {@link FirstPages} while no change to the organization
     * has been heard (and it holds the position a {@code minPosition} asks for); such an answer
     * says the position it was read at.
     */
    private RawValue firstPage(String organizationId, int limit, HttpServletRequest request, HttpServletResponse response)
            throws JsonProcessingException {
        Optional<FirstPages.FirstPage> current = firstPages.current(organizationId, limit);
        if (current.isPresent() && current.get().position() >= ReadFreshness.wantedBy(request)) {
            response.setHeader(ReadFreshness.HEADER, Long.toString(current.get().position()));
            return current.get().page();
        }
        long readAt = firstPages.now();
        // kept as UTF-8 bytes: Jackson copies them as they are, where a String would be encoded again per request
        SerializedString encoded = new SerializedString(json.writeValueAsString(
                pageOf(rows.page(organizationId, limit + 1, 0), limit, 0, ListFilter.NONE)));
        encoded.asUnquotedUTF8();
        RawValue page = new RawValue(encoded);
        firstPages.keep(organizationId, limit, readAt, new FirstPages.FirstPage(page, ReadFreshness.positionOf(request)));
        return page;
    }

    private static ExecutionPage pageOf(List<ExecutionState> rowsAndOneMore, int limit, long offset, ListFilter filter) {
        boolean hasMore = rowsAndOneMore.size() > limit;
        List<ExecutionState> page = rowsAndOneMore.subList(0, Math.min(limit, rowsAndOneMore.size()));
        String nextCursor = hasMore ? PageCursor.encode(ListPosition.of(page.get(page.size() - 1)), filter) : null;
        return new ExecutionPage(hasMore, page.stream().map(ExecutionItem::of).toList(), limit, offset, nextCursor);
    }
}
