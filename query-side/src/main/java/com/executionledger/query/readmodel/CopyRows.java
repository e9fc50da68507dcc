package com.executionledger.query.readmodel;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;

/**
 * Rows in the text format of PostgreSQL's {@code COPY ... FROM STDIN}: values separated by tabs,
 * a row to a line, {@code \N} for null. Timestamps are written as the JDBC driver writes a
 * {@code java.sql.Timestamp} parameter (to the nearest microsecond, half up), so that a copied row
 * equals the row an upsert of the same values writes.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(64 * 1024);

    void add(Object[] values) {
        for (int column = 0; column < values.length; column++) {
            if (column > 0) {
                text.append('\t');
            }
            Object value = values[column];
            if (value == null) {
                text.append("\\N");
            } else if (value instanceof Timestamp timestamp) {
                text.append(timestamp.toInstant().plusNanos(500).truncatedTo(ChronoUnit.MICROS));
            } else {
                appendEscaped(value.toString());
            }
        }
        text.append('\n');
    }

    String text() {
        return text.toString();
    }

    private void appendEscaped(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }
}
