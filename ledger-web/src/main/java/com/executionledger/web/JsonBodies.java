package com.executionledger.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Whether a request says its body is JSON: its {@code Content-Type}, read leniently (parameters, any case). */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** True for {@code application/json} and its kin; false for anything else, wildcards and nonsense included. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && MediaType.APPLICATION_JSON.isCompatibleWith(type);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
