package com.executionledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The limits table of the contract, both sides of each bound, and the odd bytes: each gets its answer. */
class EnvelopeLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final EnvelopeReader reader = new EnvelopeReader(Clock.fixed(NOW, ZoneOffset.UTC));

    static List<HostileCorpus.Case> corpus() {
        return HostileCorpus.cases("t_", NOW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseGetsTheContractsAnswer(HostileCorpus.Case hostile) {
        ReadResult result = reader.read(hostile.payload());

        if (hostile.accepted()) {
            assertThat(result).as(result.toString()).isInstanceOf(ReadResult.Accepted.class);
        } else {
            assertThat(result).isInstanceOf(ReadResult.Invalid.class);
            assertThat(((ReadResult.Invalid) result).reason()).contains(hostile.reason());
        }
    }

    @Test
    void theCorpusCoversEnoughCasesOnBothSides() {
        List<HostileCorpus.Case> cases = corpus();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases.stream().filter(HostileCorpus.Case::accepted).count()).isGreaterThanOrEqualTo(15);
        assertThat(cases).extracting(HostileCorpus.Case::name).doesNotHaveDuplicates();
    }

    @Test
    void aRejectedEnvelopeKeepsTheIdsThatKeepTheKeyRule() {
        ReadResult.Invalid invalid = (ReadResult.Invalid) reader.read("""
                {"eventId":"evt_1","type":"workflow_queued","executionId":"a/b","organizationId":"o",
                 "occurredAt":"2026-11-28T10:15:30Z","sourceSystem":"s"}""".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(invalid.eventId()).isEqualTo("evt_1");
        assertThat(invalid.executionId()).isNull();
    }
}
