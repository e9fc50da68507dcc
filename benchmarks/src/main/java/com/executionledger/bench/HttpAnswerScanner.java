package com.executionledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Finds where one HTTP/1.1 answer ends in the bytes as they arrive: the status, the headers that
 * frame the body ({@code Content-Length} or chunked) and whether the server closes the
 * connection after it. The body is skipped, not kept.
 */
final class HttpAnswerScanner {

    private enum Part { HEAD, BODY, CHUNK_SIZE, CHUNK, CHUNK_END, TRAILERS, DONE }

    private final StringBuilder line = new StringBuilder(128);
    private Part part = Part.HEAD;
    private int status = -1;
    private long contentLength = -1;
    private boolean chunked;
    private boolean closesConnection;
    private long bodyLeft;

    /** Consumes the bytes; true once the answer is whole. */
    boolean feed(ByteBuffer bytes) {
        while (bytes.hasRemaining() && part != Part.DONE) {
            if (part == Part.BODY || part == Part.CHUNK) {
                int skipped = (int) Math.min(bodyLeft, bytes.remaining());
                bytes.position(bytes.position() + skipped);
                bodyLeft -= skipped;
                if (bodyLeft == 0) {
                    part = part == Part.BODY ? Part.DONE : Part.CHUNK_END;
                }
            } else {
                byte b = bytes.get();
                if (b == '\n') {
                    endOfLine(line.toString());
                    line.setLength(0);
                } else if (b != '\r') {
                    line.append((char) b);
                }
            }
        }
        return part == Part.DONE;
    }

    int status() {
        return status;
    }

    boolean closesConnection() {
        return closesConnection;
    }

    private void endOfLine(String text) {
        switch (part) {
            case HEAD -> {
                if (status < 0) {
                    require(text.startsWith("HTTP/1.1 ") && text.length() >= 12, "not an HTTP/1.1 status line: " + text);
                    status = Integer.parseInt(text.substring(9, 12));
                } else if (text.isEmpty()) {
                    part = chunked ? Part.CHUNK_SIZE : contentLength > 0 ? Part.BODY : Part.DONE;
                    bodyLeft = contentLength;
                } else {
                    header(text);
                }
            }
            case CHUNK_SIZE -> {
                int extension = text.indexOf(';');
                bodyLeft = Long.parseLong((extension < 0 ? text : text.substring(0, extension)).trim(), 16);
                part = bodyLeft == 0 ? Part.TRAILERS : Part.CHUNK;
            }
            case CHUNK_END -> {
                require(text.isEmpty(), "a chunk did not end with CRLF");
                part = Part.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (text.isEmpty()) {
                    part = Part.DONE;
                }
            }
            default -> throw new IllegalStateException("no line expected in " + part);
        }
    }

    private void header(String text) {
        int colon = text.indexOf(':');
        require(colon > 0, "malformed header: " + text);
        String name = text.substring(0, colon).trim();
        String value = text.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
            chunked = value.equalsIgnoreCase("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
            closesConnection = value.equalsIgnoreCase("close");
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new UncheckedIOException(new IOException(problem));
        }
    }
}
