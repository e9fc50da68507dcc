package com.executionledger.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operator did to an event (rule 9): re-drove a dead letter, as it was or with a corrected
 * body, when, with which admin credential, and the original bytes. Kept in the metadata of the
 * event it appended (or in the dead letter it led to), so that the execution's history shows it.
 *
 * @param originalPayload the dead letter's bytes as they arrived, Base64
 */
public record OperatorAct(String act, long deadLetterId, String by, Instant at, String originalPayload) {

    public static final String METADATA_KEY = "operatorAct";
    public static final String REDRIVE = "redrive";
    public static final String REDRIVE_CORRECTED = "redrive with a corrected body";

    /** As it is stored in metadata and shown in histories. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("act", act);
        map.put("deadLetterId", deadLetterId);
        map.put("by", by);
        map.put("at", at.toString());
        map.put("originalPayload", originalPayload);
        return map;
    }
}
