package com.executionledger.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How fast each caller may send requests (a bearer token, the operators' credential, a webhook
 * source): a token bucket per caller, refilled at {@code perSecond} and holding at most {@code
 * burst}. A caller over its rate is answered 429 with {@code Retry-After} and costs nothing more.
 * Each instance counts its own requests: behind a balancer over n instances a caller gets up to n
 * times the rate.
 */
public final class RequestRates {

    /** Callers remembered at most; beyond, the least active are forgotten and start with a full bucket again. */
    private static final int MAX_CALLERS = 100_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Consumer<String> onRefusal;
    private final Map<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(MAX_CALLERS)
            .expireAfterAccess(Duration.ofMinutes(10)).<String, Bucket>build().asMap();

    public RequestRates(double perSecond, int burst) {
        this(perSecond, burst, kind -> { });
    }

    /** @param onRefusal told the kind of each caller refused ({@code token}, {@code source}, {@code admin}): for a metric */
    public RequestRates(double perSecond, int burst, Consumer<String> onRefusal) {
        this(perSecond, burst, System::nanoTime, onRefusal);
    }

    RequestRates(double perSecond, int burst, LongSupplier nanoTime) {
        this(perSecond, burst, nanoTime, kind -> { });
    }

    private RequestRates(double perSecond, int burst, LongSupplier nanoTime, Consumer<String> onRefusal) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1, not "
                    + perSecond + "/s and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.onRefusal = onRefusal;
    }

    /** Takes one request from the caller's bucket: 0 when it may go ahead, else the whole seconds to wait. */
    public long secondsToWait(String caller) {
        long wait = buckets.computeIfAbsent(caller, key -> new Bucket(burst, nanoTime.getAsLong())).take(this);
        if (wait > 0) {
            onRefusal.accept(caller.contains(" ") ? caller.substring(0, caller.indexOf(' ')) : caller);
        }
        return wait;
    }

    /** What a refused caller is told. */
    public String refusal() {
        return "too many requests: at most " + format(perSecond) + " per second (bursts of " + format(burst)
                + ") per caller; retry after the Retry-After seconds";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static final class Bucket {
        private double tokens;
        private long filledAt;

        Bucket(double tokens, long filledAt) {
            this.tokens = tokens;
            this.filledAt = filledAt;
        }

        synchronized long take(RequestRates rates) {
            long now = rates.nanoTime.getAsLong();
            tokens = Math.min(rates.burst, tokens + (now - filledAt) / 1e9 * rates.perSecond);
            filledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rates.perSecond));
        }
    }
}
