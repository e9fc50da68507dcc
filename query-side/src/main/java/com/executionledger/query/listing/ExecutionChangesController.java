package com.executionledger.query.listing;

import com.executionledger.query.auth.Organization;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiException;
import com.executionledger.web.KnownParameters;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/execution-changes}: for clients that mirror executions, every execution of the
 * organization that changed after a point, in the order the read model changed them (V7), each
 * once per page as it is now. Follow {@code nextCursor} for ever: a change is never skipped,
 * however the projection's commits interleave with the pages, and an execution that changes again
 * comes again. Without a cursor the feed starts at the beginning.
 */
@RestController
class ExecutionChangesController {

    /** One page; {@code nextCursor} is where to ask next, also when the page is empty. */
    record ChangePage(boolean hasMore, List<ExecutionItem> items, int limit, String nextCursor) {
    }

    private final ExecutionRows rows;

    ExecutionChangesController(ExecutionRows rows) {
        this.rows = rows;
    }

    @KnownParameters({"limit", "cursor", ReadFreshness.PARAMETER})
    @GetMapping("/v1/execution-changes")
    ApiEnvelope<ChangePage> changes(HttpServletRequest request,
                                    @RequestAttribute(Organization.ATTRIBUTE) Organization organization) {
        int limit = (int) QueryParameters.wholeNumber(request, "limit", PageBounds.DEFAULT_LIMIT, 1, PageBounds.MAX_LIMIT);
        String[] cursor = request.getParameterValues("cursor");
        if (cursor != null && cursor.length > 1) {
            throw ApiException.invalidParameter("cursor", "cursor must be given once");
        }
        ExecutionRows.FeedPosition after = cursor == null ? ExecutionRows.FeedPosition.START : decode(cursor[0]);
        List<ExecutionRows.Change> changes = rows.changesAfter(organization.id(), after, limit + 1);
        List<ExecutionRows.Change> page = changes.subList(0, Math.min(limit, changes.size()));
        ExecutionRows.FeedPosition next = page.isEmpty() ? after : page.get(page.size() - 1).position();
        return ApiEnvelope.success(new ChangePage(changes.size() > limit,
                page.stream().map(change -> ExecutionItem.of(change.state())).toList(), limit, encode(next)),
                RequestIds.of(request));
    }

    static String encode(ExecutionRows.FeedPosition position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("c" + position.transaction() + ":" + position.sequence()).getBytes(StandardCharsets.UTF_8));
    }

    static ExecutionRows.FeedPosition decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (!decoded.startsWith("c") || colon < 0) {
                throw new IllegalArgumentException("not a change cursor");
            }
            String transaction = decoded.substring(1, colon);
            long sequence = Long.parseLong(decoded.substring(colon + 1));
            Long.parseUnsignedLong(transaction); // a transaction id fits 64 bits unsigned
            if (!transaction.matches("[0-9]{1,20}") || sequence < 0) {
                throw new IllegalArgumentException("not a change cursor");
            }
            return new ExecutionRows.FeedPosition(transaction, sequence);
        } catch (RuntimeException e) {
            throw ApiException.invalidParameter("cursor",
                    "cursor is not one this feed issued: pass data.nextCursor of the previous page as it came");
        }
    }
}
