package com.executionledger.query.listing;

import com.executionledger.events.ContractLimits;
import com.executionledger.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads query parameters strictly: one value (or one comma-separated list), in the form and range
 * the parameter takes. Anything else is a 400 {@code invalid_parameter} that names the parameter
 * and says what it takes.
 */
public final class QueryParameters {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private QueryParameters() {
    }

    public static long wholeNumber(HttpServletRequest request, String name, long defaultValue, long min, long max) {
        return wholeNumber(request, name, defaultValue, min, max, "");
    }

    /** As above, with a hint appended to the message of a value out of range. */
    public static long wholeNumber(HttpServletRequest request, String name, long defaultValue, long min, long max, String hint) {
        String range = max == Long.MAX_VALUE
                ? name + " must be an integer of " + min + " or more"
                : name + " must be an integer from " + min + " to " + max;
        Optional<String> given = one(request, name, range);
        if (given.isEmpty()) {
            return defaultValue;
        }
        String value = given.get();
        if (!DIGITS.matcher(value).matches()) {
            throw ApiException.invalidParameter(name, range + "; got '" + abbreviate(value) + "'");
        }
        long number = Long.parseLong(value);
        if (number < min || number > max) {
            throw ApiException.invalidParameter(name, range + "; got " + number + hint);
        }
        return number;
    }

    private static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    private static final int MAX_TEXT = 255;

    /** An ISO-8601 instant (UTC, or with an offset), from 2000 on. */
    public static Optional<Instant> instant(HttpServletRequest request, String name) {
        String problem = name + " must be one ISO-8601 instant such as 2026-11-28T10:15:30Z";
        Optional<String> value = one(request, name, problem);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = Instant.parse(value.get());
        } catch (DateTimeException notUtc) {
            try {
                instant = OffsetDateTime.parse(value.get()).toInstant();
            } catch (DateTimeException e) {
                throw ApiException.invalidParameter(name, problem + "; got '" + abbreviate(value.get()) + "'");
            }
        }
        // the ledger holds nothing from before 2000, and a far-away instant would not fit a timestamp
        if (instant.isBefore(ContractLimits.EARLIEST_OCCURRED_AT) || instant.isAfter(LATEST_INSTANT)) {
            throw ApiException.invalidParameter(name, name + " must be from " + ContractLimits.EARLIEST_OCCURRED_AT
                    + " to " + LATEST_INSTANT);
        }
        return Optional.of(instant);
    }

    /** One value of 1 to 255 characters, matched exactly. */
    public static Optional<String> text(HttpServletRequest request, String name) {
        String problem = name + " must be one value of 1 to " + MAX_TEXT + " characters";
        Optional<String> value = one(request, name, problem);
        value.ifPresent(text -> {
            if (text.isEmpty() || text.length() > MAX_TEXT) {
                throw ApiException.invalidParameter(name, problem);
            }
        });
        return value;
    }

    /**
     * A comma-separated list of values, each of 1 to {@code maxLength} characters and, when
     * {@code allowed} is not empty, one of those; given once.
     */
    public static SortedSet<String> list(HttpServletRequest request, String name, Collection<String> allowed, int maxLength) {
        String problem = allowed.isEmpty()
                ? name + " must be one or more values of 1 to " + maxLength + " characters, separated by commas"
                : name + " must be one or more of " + String.join(", ", allowed) + ", separated by commas";
        Optional<String> value = one(request, name, problem);
        SortedSet<String> values = new TreeSet<>();
        if (value.isEmpty()) {
            return values;
        }
        for (String item : value.get().split(",", -1)) {
            if (item.isEmpty() || item.length() > maxLength || !allowed.isEmpty() && !allowed.contains(item)) {
                throw ApiException.invalidParameter(name, problem + "; got '" + abbreviate(item) + "'");
            }
            values.add(item);
        }
        return values;
    }

    private static Optional<String> one(HttpServletRequest request, String name, String problem) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw ApiException.invalidParameter(name, problem + ", given once");
        }
        return Optional.of(values[0]);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

}
