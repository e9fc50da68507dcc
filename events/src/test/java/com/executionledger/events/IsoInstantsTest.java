package com.executionledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatInstantParseReadsForRandomInstantsAndPrecisions() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            String text = instant.toString();
            int precision = random.nextInt(10);
            String written = precision == 0 ? text.substring(0, 19) + "Z"
                    : text.substring(0, 19) + "." + "%09d".formatted(instant.getNano()).substring(0, precision) + "Z";
            assertThat(IsoInstants.parseCommonForm(written)).as(written).isNotNull().isEqualTo(Instant.parse(written));
        }
    }

    @Test
    void leavesEveryOtherFormToInstantParseWithItsAnswer() {
        String[] others = {"2026-11-28T10:15:30+01:00", "2026-11-28t10:15:30z", "+12026-11-28T10:15:30Z",
                "2026-11-28T23:59:60Z", "2026-11-28T10:15Z", "2026-11-28T10:15:30.1234567891Z", "2026-11-28T24:00:00Z",
                "2026-11-28T10:15:30.Z"};
        for (String other : others) {
            assertThat(IsoInstants.parseCommonForm(other)).as(other).isNull();
            Instant expected;
            try {
                expected = Instant.parse(other);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> IsoInstants.parse(other)).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(IsoInstants.parse(other)).isEqualTo(expected);
        }
    }

    @Test
    void refusesDatesThatDoNotExistAsInstantParseDoes() {
        for (String bad : new String[] {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
                "2026-11-28T10:60:00Z", "2026-11-28T10:15:3xZ",
                "2026-11-28 10:15:30Z"}) {
            assertThat(IsoInstants.parseCommonForm(bad)).as(bad).isNull();
            assertThatThrownBy(() -> IsoInstants.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
        assertThat(IsoInstants.parse("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }
}
