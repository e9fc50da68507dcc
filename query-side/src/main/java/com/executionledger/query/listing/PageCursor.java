package com.executionledger.query.listing;

import com.executionledger.events.ContractLimits;
import com.executionledger.query.readmodel.ListFilter;
import com.executionledger.query.readmodel.ListPosition;
import com.executionledger.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The cursor clients pass back: the list position of the last item of a page, opaque to them.
 * Any depth costs one index range scan, where a deep offset would walk every row before it. A
 * filtered list's cursor carries its filter's fingerprint after a {@code /} (which no execution id
 * holds), so that it cannot be used with another filter and silently skip or repeat rows.
 */
final class PageCursor {

    private static final char FILTERED = '/';

    private PageCursor() {
    }

    static String encode(ListPosition position, ListFilter filter) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.createdAt());
        String cursor = micros + ":" + position.id() + (filter.isEmpty() ? "" : FILTERED + filter.fingerprint());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    static ListPosition decode(String cursor, ListFilter filter) {
        String decoded;
        ListPosition position;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            long micros = Long.parseLong(decoded.substring(0, colon));
            int filtered = decoded.indexOf(FILTERED, colon);
            String id = decoded.substring(colon + 1, filtered < 0 ? decoded.length() : filtered);
            if (ContractLimits.keyProblem(id) != null) {
                throw new IllegalArgumentException("not an execution id");
            }
            position = new ListPosition(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (RuntimeException e) {
            throw ApiException.invalidParameter("cursor",
                    "cursor is not one this API issued: pass data.nextCursor of the previous page as it came");
        }
        int filtered = decoded.indexOf(FILTERED);
        String issuedFor = filtered < 0 ? "" : decoded.substring(filtered + 1);
        if (!issuedFor.equals(filter.isEmpty() ? "" : filter.fingerprint())) {
            throw ApiException.invalidParameter("cursor", "this cursor belongs to a list with other filters: pass the"
                    + " same filter parameters as the page it came from, or start again without cursor");
        }
        return position;
    }
}
