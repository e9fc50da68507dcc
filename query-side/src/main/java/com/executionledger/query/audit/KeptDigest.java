package com.executionledger.query.audit;

import com.executionledger.query.audit.LedgerVerifier;
import com.executionledger.web.ApiException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;

/**
 * A digest as an auditor kept it, read from a request body while the verification goes on, in
 * constant memory whatever the ledger's size: {@code {"position": N, "chains": [...], "digest":
 * "..."}}, or the whole answer of {@code GET /admin/ledger/digest?chains=true} with those in its
 * {@code data}. The position must come before the chains, and the chains keep the digest's order.
 */
final class KeptDigest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonParser parser;
    private int depth;
    private Long position;
    private String digest;
    private boolean atChains;
    private int chainsRead;

    private KeptDigest(JsonParser parser) {
        this.parser = parser;
    }

    /** Reads the body up to its chains, if it has any. */
    static KeptDigest read(InputStream body) {
        try {
            KeptDigest kept = new KeptDigest(JSON.createParser(body));
            if (kept.parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("the body must be a JSON object: {\"digest\": \"...\", \"position\": N}, with its chains if kept");
            }
            kept.depth = 1;
            kept.readFields();
            return kept;
        } catch (IOException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    Long position() {
        return position;
    }

    boolean hasChains() {
        return atChains;
    }

    /** The digest's hex: read after the chains when it follows them, so ask once they are consumed. */
    String digest() {
        return digest;
    }

    /** The chains, one at a time, as the verification asks for them; the fields after them are read at their end. */
    Iterator<LedgerVerifier.Chain> chains() {
        return new Iterator<>() {
            private LedgerVerifier.Chain next = advance();
            private String previousId;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public LedgerVerifier.Chain next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                LedgerVerifier.Chain chain = next;
                if (previousId != null && previousId.compareTo(chain.executionId()) >= 0) {
                    throw invalid("chains[" + (chainsRead - 1) + "] is out of order: keep the chains in the digest's order");
                }
                previousId = chain.executionId();
                next = advance();
                return chain;
            }
        };
    }

    private LedgerVerifier.Chain advance() {
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                atChains = false;
                readFields();
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw invalid("chains[" + chainsRead + "] must be an object");
            }
            LedgerVerifier.Chain chain = chain(parser.readValueAsTree(), chainsRead);
            chainsRead++;
            return chain;
        } catch (IOException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    private static LedgerVerifier.Chain chain(JsonNode node, int index) {
        JsonNode positions = node.path("positions");
        long length = node.path("length").asLong(-1);
        if (!node.path("executionId").isTextual() || !node.path("head").isTextual() || !node.path("length").canConvertToLong()
                || length < 1 || !positions.isArray() || positions.size() != length) {
            throw invalid("chains[" + index + "] must be {executionId, length, head, positions} with a position per event");
        }
        List<Long> at = new ArrayList<>(positions.size());
        for (JsonNode position : positions) {
            if (!position.canConvertToLong()) {
                throw invalid("chains[" + index + "].positions must be numbers");
            }
            at.add(position.asLong());
        }
        return new LedgerVerifier.Chain(node.get("executionId").asText(), length, node.get("head").asText(), at);
    }

    /** Reads fields until the chains begin or the body ends, stepping into an answer's {@code data}. */
    private void readFields() throws IOException {
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw invalid("the body ends before its JSON object does");
            }
            if (token == JsonToken.END_OBJECT) {
                depth--;
                continue;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "data" -> {
                    if (value == JsonToken.START_OBJECT) {
                        depth++;
                    } else {
                        parser.skipChildren();
                    }
                }
                case "position" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getValueAsLong(-1) < 0) {
                        throw invalid("position must be a whole number, 0 or more");
                    }
                    position = parser.getLongValue();
                }
                case "digest" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw invalid("digest must be the digest's hex string");
                    }
                    digest = parser.getText();
                }
                case "chains" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw invalid("chains must be an array");
                    }
                    if (position == null) {
                        throw invalid("position must come before chains, as the digest gives them");
                    }
                    atChains = true;
                    return;
                }
                default -> parser.skipChildren();
            }
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }
}
