package com.executionledger.query.listing;

import com.executionledger.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Reads whole-number query parameters strictly: one value, digits only, within range. Anything
 * else is a 400 whose message names the parameter and its allowed range.
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
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return defaultValue;
        }
        String range = max == Long.MAX_VALUE
                ? name + " must be an integer of " + min + " or more"
                : name + " must be an integer from " + min + " to " + max;
        if (values.length > 1) {
            throw badRequest(range + ", given once");
        }
        String value = values[0];
        if (!DIGITS.matcher(value).matches()) {
            throw badRequest(range + "; got '" + abbreviate(value) + "'");
        }
        long number = Long.parseLong(value);
        if (number < min || number > max) {
            throw badRequest(range + "; got " + number + hint);
        }
        return number;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    private static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }
}
