package com.executionledger.query.audit;

import com.executionledger.store.LedgerChain;
import com.executionledger.store.LedgerEvents;
import com.executionledger.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Recomputes every execution's hash chain from the stored events. Each stored link must match its
 * event's content, effect and arrival time, and the event's stored timestamp must be that arrival.
 * The digest covers every chain as recomputed (not as stored), its length and the ledger positions
 * of its events, up to a position: an auditor keeps it, and a later verification against it
 * detects any edit, even one that rewrote the stored links. Kept with its chains, it also says
 * where: an execution removed, events missing from a chain's end, events moved in the ledger.
 */
@Service
public class LedgerVerifier {

    /** Differences reported at most: the first ones say where to look. */
    static final int MAX_DIFFERENCES = 100;

    /** What an auditor keeps: the digest of the ledger up to a position. */
    public record Digest(long position, long executions, long events, String digest) {
    }

    /** One execution's chain as a digest records it: its length, its recomputed head, and where its events are. */
    public record Chain(String executionId, long length, String head, List<Long> positions) {
    }

    /** The first stored event whose link does not match its content, in ledger order. */
    public record BrokenLink(String executionId, long sequence, long position, String problem) {
    }

    /** Where the ledger differs: the execution, the event (null for the whole chain), its position now if it has one, and what. */
    public record Difference(String executionId, Long sequence, Long position, String problem) {
    }

    public record Verification(boolean intact, Digest recomputed, String expectedDigest, BrokenLink firstBrokenLink,
                               List<Difference> differences) {
    }

    private final LedgerEvents ledger;

    LedgerVerifier(LedgerEvents ledger) {
        this.ledger = ledger;
    }

    /** The position of the latest event: what a digest taken now covers. */
    public long headPosition() {
        return ledger.headPosition();
    }

    public Digest digest() {
        return walk(ledger.headPosition(), chain -> {
        }, null).digest();
    }

    /** The digest with every chain, handed to {@code chains} in execution order as the ledger is read. */
    public Digest digest(long position, Consumer<Chain> chains) {
        return walk(position, chains, null).digest();
    }

    public Verification verify(String expectedDigest, long position) {
        return verification(walk(position, chain -> {
        }, null), expectedDigest);
    }

    /**
     * Verifies against a digest kept with its chains, read as the ledger is (in execution order,
     * as {@link #digest(long, Consumer)} gave them): every difference is located. The expected
     * digest is asked for once the chains are read.
     */
    public Verification verify(Supplier<String> expectedDigest, long position, Iterator<Chain> keptChains) {
        Walk walk = walk(position, chain -> {
        }, keptChains);
        return verification(walk, expectedDigest.get()); // a kept digest may give its hex after its chains
    }

    private static Verification verification(Walk walk, String expectedDigest) {
        Digest recomputed = walk.digest();
        boolean intact = walk.firstBrokenLink == null && walk.differences.isEmpty()
                && expectedDigest != null && recomputed.digest().equalsIgnoreCase(expectedDigest);
        return new Verification(intact, recomputed, expectedDigest, walk.firstBrokenLink, List.copyOf(walk.differences));
    }

    private Walk walk(long position, Consumer<Chain> chains, Iterator<Chain> kept) {
        Walk walk = new Walk(position, chains, kept);
        ledger.forEachExecution(position, walk::chain);
        walk.remainingKeptAreMissing();
        return walk;
    }

    private static final class Walk {
        private final long position;
        private final Consumer<Chain> chains;
        private final Iterator<Chain> kept;
        private final MessageDigest overChains = sha256();
        private final List<Difference> differences = new ArrayList<>();
        private Chain nextKept;
        private long executions;
        private long events;
        private BrokenLink firstBrokenLink;

        Walk(long position, Consumer<Chain> chains, Iterator<Chain> kept) {
            this.position = position;
            this.chains = chains;
            this.kept = kept;
            this.nextKept = kept != null && kept.hasNext() ? kept.next() : null;
        }

        void chain(List<StoredEvent> execution) {
            String recomputedHead = LedgerChain.GENESIS;
            String storedHead = LedgerChain.GENESIS;
            boolean linksHold = true;
            List<Long> positions = new ArrayList<>(execution.size());
            for (StoredEvent event : execution) {
                String arrival = event.metaData().get(LedgerChain.ARRIVED_AT_KEY) instanceof String text ? text : null;
                String expected = event.payload() instanceof LedgerEvents.UnreadablePayload
                        ? null : LedgerChain.next(storedHead, event.asStored(), event.effect(), arrival);
                String problem = expected == null
                        ? "the stored payload no longer reads as " + ((LedgerEvents.UnreadablePayload) event.payload()).payloadType()
                        : !expected.equals(event.chainLink()) ? "stored link does not match the event's content"
                        : arrivalProblem(event, arrival);
                if (problem != null) {
                    broken(event, problem);
                    linksHold = false;
                }
                recomputedHead = expected == null ? "unreadable"
                        : LedgerChain.next(recomputedHead, event.asStored(), event.effect(), arrival);
                storedHead = event.chainLink() == null ? LedgerChain.GENESIS : event.chainLink();
                positions.add(event.position());
                events++;
            }
            executions++;
            Chain chain = new Chain(execution.get(0).executionId(), execution.size(), recomputedHead, positions);
            overChains.update((chain.executionId() + ":" + chain.head() + ":" + chain.length() + ":"
                    + positions.stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            chains.accept(chain);
            if (kept != null) {
                compareWithKept(chain, linksHold);
            }
        }

        /** Null when the event's stored timestamp is the arrival its link covers (or it has none to cover). */
        private static String arrivalProblem(StoredEvent event, String arrival) {
            if (arrival == null) {
                return null;
            }
            try {
                return Instant.parse(arrival).equals(event.arrivedAt()) ? null : "stored arrival time " + event.arrivedAt()
                        + " is not the one its link covers, " + arrival;
            } catch (DateTimeParseException e) {
                return "the arrival time its link covers does not read as an instant";
            }
        }

        /** Chains are compared in execution order (the ledger's, byte-wise): a merge of two sorted lists. */
        private void compareWithKept(Chain now, boolean linksHold) {
            while (nextKept != null && nextKept.executionId().compareTo(now.executionId()) < 0) {
                missing(nextKept);
                advanceKept();
            }
            if (nextKept == null || !nextKept.executionId().equals(now.executionId())) {
                differ(now.executionId(), null, now.positions().get(0), "not in the digest: " + now.length()
                        + " events below its position that were not in the ledger when it was taken");
                return;
            }
            Chain then = nextKept;
            advanceKept();
            int before = differences.size();
            int common = (int) Math.min(then.length(), now.length());
            for (int sequence = 0; sequence < common; sequence++) {
                long was = then.positions().get(sequence);
                long is = now.positions().get(sequence);
                if (was != is) {
                    differ(now.executionId(), (long) sequence, is, "at ledger position " + is + " now, at " + was
                            + " in the digest: moved");
                }
            }
            if (now.length() < then.length()) {
                differ(now.executionId(), now.length(), then.positions().get(common), "events #" + now.length() + " to #"
                        + (then.length() - 1) + " are missing: the digest has " + then.length() + " events, the ledger "
                        + now.length());
            } else if (now.length() > then.length()) {
                differ(now.executionId(), then.length(), now.positions().get(common), (now.length() - then.length())
                        + " events from #" + then.length() + " on were not in the ledger when the digest was taken");
            } else if (differences.size() == before && linksHold && !then.head().equalsIgnoreCase(now.head())) {
                differ(now.executionId(), null, null, "rewritten: every stored link holds, but the chain recomputed"
                        + " differs from the digest's (its events and links were replaced together)");
            }
        }

        void remainingKeptAreMissing() {
            while (nextKept != null) {
                missing(nextKept);
                advanceKept();
            }
        }

        private void missing(Chain chain) {
            differ(chain.executionId(), null, null, "the whole chain is missing: the digest has " + chain.length()
                    + " events, at positions " + chain.positions());
        }

        private void advanceKept() {
            nextKept = kept.hasNext() ? kept.next() : null;
        }

        private void differ(String executionId, Long sequence, Long position, String problem) {
            if (differences.size() < MAX_DIFFERENCES) {
                differences.add(new Difference(executionId, sequence, position, problem));
            }
        }

        private void broken(StoredEvent event, String problem) {
            if (firstBrokenLink == null || event.position() < firstBrokenLink.position()) {
                firstBrokenLink = new BrokenLink(event.executionId(), event.sequence(), event.position(), problem);
            }
            differ(event.executionId(), event.sequence(), event.position(), problem);
        }

        Digest digest() {
            return new Digest(position, executions, events, HexFormat.of().formatHex(overChains.digest()));
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
