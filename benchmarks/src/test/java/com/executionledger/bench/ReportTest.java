package com.executionledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void eachNumberOfAFigureIsTheMedianOfItsRunsWithTheirRange() {
        String[] combined = Report.combined(List.of(
                new String[] {"list page 1, 32 clients", "8,791 req/s, 13.8 ms; 120 µs", "0.62"},
                new String[] {"list page 1, 32 clients", "10,392 req/s, 11.5 ms; 98 µs", "0.71"},
                new String[] {"list page 1, 32 clients", "972 req/s, 20.9 ms; 130 µs", "0.40"}));

        assertThat(combined).containsExactly("list page 1, 32 clients",
                "8,791 [972–10,392] req/s, 13.8 [11.5–20.9] ms; 120 [98–130] µs", "0.62 [0.40–0.71]");
    }

    @Test
    void numbersThatDoNotChangeAndDigitsOfWordsStayAsPrinted() {
        String[] combined = Report.combined(List.of(
                new String[] {"p50 / p99 at 2026-11-01, 1+1, -Xmx512m", "4.5 / 9.0 ms"},
                new String[] {"p50 / p99 at 2026-11-01, 1+1, -Xmx512m", "3.5 / 10.0 ms"}));

        assertThat(combined).containsExactly("p50 / p99 at 2026-11-01, 1+1, -Xmx512m", "4.0 [3.5–4.5] / 9.5 [9.0–10.0] ms");
    }

    @Test
    void aNumberBeforeTheTextsCommaIsANumber() {
        String[] combined = Report.combined(List.of(
                new String[] {"p99 1.01, rate 0.82"},
                new String[] {"p99 0.49, rate 1.55"},
                new String[] {"p99 0.47, rate 1.59"}));

        assertThat(combined).containsExactly("p99 0.49 [0.47–1.01], rate 1.55 [0.82–1.59]");
    }

    @Test
    void aRunsFiguresAreOneRowAndOneRunIsShownAsItWas() {
        Report report = new Report();
        report.add("ingest (200,002 events, published in 11.3 s)", "3,871/s", "22,635/s", "p99 0.17, rate 1.01", ">= 0.60");
        report.add("ingest (200,002 events, published in 12.1 s)", "4,200/s", "23,000/s", "p99 0.19, rate 0.99", ">= 0.60");
        report.add("heap", "244 MB", "", "", "");

        assertThat(report.markdown("h").lines().filter(line -> line.startsWith("| ingest") || line.startsWith("| heap")))
                .containsExactly(
                        "| ingest (200,002 events, published in 11.7 [11.3–12.1] s) | 4,036 [3,871–4,200]/s"
                                + " | 22,818 [22,635–23,000]/s | p99 0.18 [0.17–0.19], rate 1.00 [0.99–1.01] | >= 0.60 |",
                        "| heap | 244 MB |  |  |  |");
    }
}
