package com.executionledger.query.listing;

import com.executionledger.events.ContractLimits;
import com.executionledger.query.readmodel.ListPosition;
import com.executionledger.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.springframework.http.HttpStatus;

/**
 * The cursor clients pass back: the list position of the last item of a page, opaque to them.
 * Any depth costs one index range scan, where a deep offset would walk every row before it.
 */
final class PageCursor {

    private PageCursor() {
    }

    static String encode(ListPosition position) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.createdAt());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + position.id()).getBytes(StandardCharsets.UTF_8));
    }

    static ListPosition decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            long micros = Long.parseLong(decoded.substring(0, colon));
            String id = decoded.substring(colon + 1);
            if (ContractLimits.keyProblem(id) != null) {
                throw new IllegalArgumentException("not an execution id");
            }
            return new ListPosition(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "cursor is not one this API issued: pass data.nextCursor of the previous page as it came");
        }
    }
}
