package com.executionledger.query.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.web.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FindingCursorTest {

    private static final ExecutionRows.FindingPosition POSITION = new ExecutionRows.FindingPosition(
            Instant.parse("2026-12-01T10:15:30.123456Z"), "exe:with:colons_1", "failed_unrefunded");

    @Test
    void aCursorBringsBackItsPositionToTheSameRulesAndGrace() {
        String cursor = FindingCursor.encode(POSITION, "[]/15");
        assertThat(FindingCursor.decode(cursor, "[]/15")).isEqualTo(POSITION);
    }

    @Test
    void aCursorRefusesOtherRulesOrGraceAndAnythingItDidNotIssue() {
        String cursor = FindingCursor.encode(POSITION, "[]/15");
        assertThatThrownBy(() -> FindingCursor.decode(cursor, "[]/30")).isInstanceOf(ApiException.class)
                .hasMessageContaining("other rules or graceMinutes");
        assertThatThrownBy(() -> FindingCursor.decode("bm9uc2Vuc2U", "[]/15")).isInstanceOf(ApiException.class)
                .hasMessageContaining("not one this endpoint issued")
                .satisfies(e -> assertThat(((ApiException) e).param()).isEqualTo("cursor"));
    }
}
