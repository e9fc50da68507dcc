package com.executionledger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one invocation, printed as a Markdown table. A figure measured in several runs
 * is one row: each of its numbers is shown as the median of the runs with their range in
 * brackets, so that a reader sees the noise beside the figure. Rows of the same figure are
 * recognised by their wording with the numbers left out.
 */
final class Report {

    /** A number as the figures print them: grouped or not, with or without decimals, before a comma of the text; not the digits of a word (p99). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\w)|(?<![\\w.,])\\d+(?:\\.\\d+)?(?!\\w|,\\d)");

    private final Map<String, List<String[]>> rows = new LinkedHashMap<>();
    private final Map<String, List<String[]>> notes = new LinkedHashMap<>();

    void add(String measure, String ledger, String baseline, String ratio, String target) {
        String[] cells = {measure, ledger, baseline, ratio, target};
        rows.computeIfAbsent(shape(cells), key -> new ArrayList<>()).add(cells);
        System.out.println("  " + measure + ": " + ledger + (baseline.isEmpty() ? "" : "  (baseline " + baseline + ", ratio " + ratio + ")"));
    }

    void note(String note) {
        String[] cells = {note};
        notes.computeIfAbsent(shape(cells), key -> new ArrayList<>()).add(cells);
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
        rows.values().forEach(runs -> out.append("| ").append(String.join(" | ", combined(runs))).append(" |\n"));
        out.append('\n');
        notes.values().forEach(runs -> out.append("- ").append(combined(runs)[0]).append('\n'));
        return out.toString();
    }

    private static String shape(String[] cells) {
        return Arrays.stream(cells).map(cell -> NUMBER.matcher(cell).replaceAll("#")).reduce("", (a, b) -> a + "|" + b);
    }

    /** The runs of one figure as one: each number the median of the runs, with the range where they differ. */
    static String[] combined(List<String[]> runs) {
        String[] first = runs.get(0);
        String[] out = new String[first.length];
        for (int cell = 0; cell < first.length; cell++) {
            int column = cell;
            List<List<Double>> values = runs.stream().map(run -> numbers(run[column])).toList();
            Matcher matcher = NUMBER.matcher(first[cell]);
            StringBuilder text = new StringBuilder();
            int slot = 0;
            while (matcher.find()) {
                int at = slot++;
                double[] ofRuns = values.stream().mapToDouble(run -> run.get(at)).sorted().toArray();
                matcher.appendReplacement(text, Matcher.quoteReplacement(summary(matcher.group(), ofRuns)));
            }
            matcher.appendTail(text);
            out[cell] = text.toString();
        }
        return out;
    }

    private static List<Double> numbers(String text) {
        List<Double> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            numbers.add(Double.parseDouble(matcher.group().replace(",", "")));
        }
        return numbers;
    }

    /** The median in the way {@code printed} was written, and the range in brackets when the runs differ. */
    private static String summary(String printed, double[] sorted) {
        if (sorted[0] == sorted[sorted.length - 1]) {
            return printed;
        }
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        int decimals = printed.contains(".") ? printed.length() - printed.indexOf('.') - 1 : 0;
        boolean grouped = printed.contains(",") || decimals == 0 && sorted[sorted.length - 1] >= 1_000;
        String format = "%" + (grouped ? "," : "") + "." + decimals + "f";
        return String.format(format, median) + " [" + String.format(format, sorted[0]) + "–"
                + String.format(format, sorted[sorted.length - 1]) + "]";
    }
}
