package com.executionledger.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures of one run, printed as a Markdown table. */
final class Report {

    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String measure, String ledger, String baseline, String ratio, String target) {
        rows.add("| " + String.join(" | ", measure, ledger, baseline, ratio, target) + " |");
        System.out.println("  " + measure + ": " + ledger + (baseline.isEmpty() ? "" : "  (baseline " + baseline + ", ratio " + ratio + ")"));
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  " + note);
    }

    static String rate(double perSecond) {
        return String.format("%,.0f/s", perSecond);
    }

    static String ms(double millis) {
        return String.format("%.1f ms", millis);
    }

    static String ratio(double a, double b) {
        return String.format("%.2f", a / b);
    }

    String markdown(String header) {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| measure | ledger | baseline (same run) | ratio | target |\n|---|---|---|---|---|\n");
        rows.forEach(row -> out.append(row).append('\n'));
        out.append('\n');
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        return out.toString();
    }
}
