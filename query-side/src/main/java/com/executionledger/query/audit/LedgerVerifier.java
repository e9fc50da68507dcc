package com.executionledger.query.audit;

import com.executionledger.store.LedgerChain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Recomputes every execution's hash chain from the stored events. The digest covers every chain
 * head (as recomputed from content, not as stored) up to a ledger position: an auditor keeps it,
 * and a later verification against it detects any edit, even one that rewrote the stored links.
 */
@Service
public class LedgerVerifier {

    /** What an auditor keeps: the digest of the ledger up to a position. */
    public record Digest(long position, long executions, long events, String digest) {
    }

    /** The first stored event whose link does not match its content, in ledger order. */
    public record BrokenLink(String executionId, long sequence, long position, String problem) {
    }

    public record Verification(boolean intact, Digest recomputed, String expectedDigest, BrokenLink firstBrokenLink) {
    }

    private final LedgerEvents ledger;

    LedgerVerifier(LedgerEvents ledger) {
        this.ledger = ledger;
    }

    public Digest digest() {
        return walk(ledger.headPosition()).digest();
    }

    public Verification verify(String expectedDigest, long position) {
        Walk walk = walk(position);
        Digest recomputed = walk.digest();
        boolean intact = walk.firstBrokenLink == null && recomputed.digest().equalsIgnoreCase(expectedDigest);
        return new Verification(intact, recomputed, expectedDigest, walk.firstBrokenLink);
    }

    private Walk walk(long position) {
        Walk walk = new Walk(position);
        ledger.forEachExecution(position, walk::chain);
        return walk;
    }

    private static final class Walk {
        private final long position;
        private final MessageDigest overHeads = sha256();
        private long executions;
        private long events;
        private BrokenLink firstBrokenLink;

        Walk(long position) {
            this.position = position;
        }

        void chain(List<StoredEvent> execution) {
            String recomputedHead = LedgerChain.GENESIS;
            String storedHead = LedgerChain.GENESIS;
            for (StoredEvent event : execution) {
                String expected = event.payload() instanceof LedgerEvents.UnreadablePayload
                        ? null : LedgerChain.next(storedHead, event.payload(), event.effect());
                if (expected == null || !expected.equals(event.chainLink())) {
                    broken(event, expected == null ? "the stored payload no longer reads as "
                            + ((LedgerEvents.UnreadablePayload) event.payload()).payloadType()
                            : "stored link does not match the event's content");
                }
                recomputedHead = expected == null ? "unreadable" : LedgerChain.next(recomputedHead, event.payload(), event.effect());
                storedHead = event.chainLink() == null ? LedgerChain.GENESIS : event.chainLink();
                events++;
            }
            executions++;
            overHeads.update((execution.get(0).executionId() + ":" + recomputedHead + ":" + execution.size() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        private void broken(StoredEvent event, String problem) {
            if (firstBrokenLink == null || event.position() < firstBrokenLink.position()) {
                firstBrokenLink = new BrokenLink(event.executionId(), event.sequence(), event.position(), problem);
            }
        }

        Digest digest() {
            return new Digest(position, executions, events, HexFormat.of().formatHex(overHeads.digest()));
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
