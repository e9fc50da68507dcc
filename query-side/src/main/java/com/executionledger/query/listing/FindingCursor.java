package com.executionledger.query.listing;

import com.executionledger.events.ContractLimits;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The reconciliation's cursor: where a page ended (since, execution, rule), and the rules and
 * grace it was asked with, so that it cannot page on under others. Opaque to clients.
 */
final class FindingCursor {

    private FindingCursor() {
    }

    static String encode(ExecutionRows.FindingPosition position, String filter) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.since());
        String cursor = "r" + micros + ":" + position.rule() + ":" + filter.hashCode() + ":" + position.executionId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    static ExecutionRows.FindingPosition decode(String cursor, String filter) {
        String[] parts;
        ExecutionRows.FindingPosition position;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            parts = decoded.split(":", 4);
            if (!decoded.startsWith("r") || parts.length != 4 || !ReconciliationController.RULES.contains(parts[1])
                    || ContractLimits.keyProblem(parts[3]) != null) {
                throw new IllegalArgumentException("not a reconciliation cursor");
            }
            Integer.parseInt(parts[2]);
            position = new ExecutionRows.FindingPosition(
                    Instant.EPOCH.plus(Long.parseLong(parts[0].substring(1)), ChronoUnit.MICROS), parts[3], parts[1]);
        } catch (RuntimeException e) {
            throw ApiException.invalidParameter("cursor",
                    "cursor is not one this endpoint issued: pass data.nextCursor of the previous page as it came");
        }
        if (Integer.parseInt(parts[2]) != filter.hashCode()) {
            throw ApiException.invalidParameter("cursor", "this cursor belongs to a page with other rules or graceMinutes:"
                    + " pass the same ones, or start again without cursor");
        }
        return position;
    }
}
