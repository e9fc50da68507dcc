package com.executionledger.store;

import com.executionledger.lifecycle.StateChange;
import java.time.Instant;
import java.util.Map;

/**
 * One event as the ledger holds it: its global position, its place in its execution's ledger,
 * when it arrived, the payload (an upstream fact or the ledger's own rejection, in its type's
 * current version) and its metadata.
 *
 * @param asStored the payload in the version it was stored in, which its hash-chain link covers;
 *                 the payload itself unless an older version was read as the current one
 */
public record StoredEvent(long position, long sequence, String executionId, Instant arrivedAt, Object payload,
                          Map<String, Object> metaData, Object asStored) {

    public String effect() {
        Object effect = metaData.get(StateChange.METADATA_KEY);
        return effect == null ? null : effect.toString();
    }

    /** What an operator did to bring this event, as recorded with it; null when nothing. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> operatorAct() {
        Object act = metaData.get(OperatorAct.METADATA_KEY);
        return act instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    public String chainLink() {
        Object link = metaData.get(LedgerChain.METADATA_KEY);
        return link == null ? null : link.toString();
    }
}
