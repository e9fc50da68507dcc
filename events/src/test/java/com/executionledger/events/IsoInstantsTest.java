package com.executionledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    @Test
    void writesWhatInstantToStringWritesForRandomInstantsAndPrecisions() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // years -9999 to +99999: the four-digit ones take the fast path, the others Instant's
            long second = random.nextLong(-377_705_116_800L, 3_093_527_980_800L);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.000000001Z")}) {
            assertThat(IsoInstants.format(edge)).isEqualTo(edge.toString());
        }
    }

    record Stamped(Instant at, @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant asNumber) {
    }

    @Test
    void jsonIsJacksonsOwnWithTheFastWriterAsWithout() throws Exception {
        ObjectMapper jacksons = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper ours = EventJson.configure(new ObjectMapper());
        Stamped stamped = new Stamped(Instant.parse("2026-11-28T10:15:30.120Z"), Instant.parse("2026-11-28T10:15:30.5Z"));
        assertThat(ours.writeValueAsString(stamped)).isEqualTo(jacksons.writeValueAsString(stamped))
                .isEqualTo("{\"at\":\"2026-11-28T10:15:30.120Z\",\"asNumber\":1795860930.500000000}");
        ObjectMapper asTimestamps = EventJson.configure(new ObjectMapper()).enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(asTimestamps.writeValueAsString(stamped))
                .isEqualTo(jacksons.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(stamped));
    }
}
