package com.executionledger.query.listing;

import com.executionledger.query.readmodel.ProjectedPosition;
import com.executionledger.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every answer of the public API says, in {@value #HEADER}, the ledger position its read model
 * had reached before it was read: everything up to there is in the answer. A client that has just
 * appended an event (the ingest answer gives its position) asks with {@code minPosition} for a
 * read that includes it; the read waits for the projection, at most {@code
 * ledger.api.min-position-wait}, and only a few requests may wait at once, so that waiting
 * readers never hold every request thread.
 */
@Component
class ReadFreshness implements HandlerInterceptor {

    static final String HEADER = "Ledger-Position";
    static final String PARAMETER = "minPosition";
    static final String NOT_REACHED = "position_not_reached";
    private static final String POSITION_ATTRIBUTE = ReadFreshness.class.getName() + ".position";
    private static final String WANTED_ATTRIBUTE = ReadFreshness.class.getName() + ".wanted";

    private final ProjectedPosition projected;
    private final Duration maxWait;
    private final Semaphore waiters;

    ReadFreshness(ProjectedPosition projected, @Value("${ledger.api.min-position-wait:5s}") Duration maxWait,
                  @Value("${ledger.api.min-position-waiters:4}") int maxWaiters) {
        this.projected = projected;
        this.maxWait = maxWait;
        this.waiters = new Semaphore(maxWaiters);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        long wanted = QueryParameters.wholeNumber(request, PARAMETER, 0, 0, Long.MAX_VALUE);
        long position = projected.recent();
        if (position < wanted) {
            position = await(wanted);
        }
        request.setAttribute(POSITION_ATTRIBUTE, position);
        request.setAttribute(WANTED_ATTRIBUTE, wanted);
        response.setHeader(HEADER, Long.toString(position));
        return true;
    }

    /** The position the answer holds at least, as the header says it; an answer kept from earlier says its own. */
    static long positionOf(HttpServletRequest request) {
        return request.getAttribute(POSITION_ATTRIBUTE) instanceof Long position ? position : 0;
    }

    /** The position the request asked for with minPosition; 0 when it did not ask. */
    static long wantedBy(HttpServletRequest request) {
        return request.getAttribute(WANTED_ATTRIBUTE) instanceof Long wanted ? wanted : 0;
    }

    private long await(long wanted) throws InterruptedException {
        long head = projected.ledgerHead();
        if (wanted > head) {
            throw ApiException.invalidParameter(PARAMETER, "minPosition " + wanted + " is beyond the ledger, whose latest"
                    + " position is " + head + ": pass a position an ingest answer gave");
        }
        if (!waiters.tryAcquire()) {
            throw notReached(wanted, "too many reads are waiting for the projection; retry");
        }
        try {
            OptionalLong reached = projected.awaitAtLeast(wanted, maxWait);
            if (reached.isEmpty()) {
                throw notReached(wanted, "the read model has not reached position " + wanted + " within "
                        + maxWait.toMillis() + " ms (it is at " + projected.current() + "); retry");
            }
            return reached.getAsLong();
        } finally {
            waiters.release();
        }
    }

    private static ApiException notReached(long wanted, String message) {
        return ApiException.of(HttpStatus.SERVICE_UNAVAILABLE, NOT_REACHED, PARAMETER, message, 1);
    }
}
