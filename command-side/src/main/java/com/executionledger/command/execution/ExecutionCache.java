package com.executionledger.command.execution;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Executions stay in memory between their events, as long as nothing else needs the memory (weak
 * references), so an event costs one append instead of re-reading its execution's ledger. Axon
 * evicts an execution whose own unit of work rolls back; ingest runs many units of work in one
 * database transaction, so when that transaction rolls back, everything cached during it is
 * dropped as well. Tried: holding the 10,000 used most (Caffeine) made webhook batches of one
 * sender faster (3,848 against 2,734 events/s) but Kafka ingest and eight senders slower (the
 * command side's heap 185 -> 379 MB, its CPU per event 31 -> 43 µs).
 */
@Configuration(proxyBeanMethods = false)
public class ExecutionCache {

    static final String NAME = "executionAggregateCache";

    private static final int HEADS_REMEMBERED = 100_000;

    private final Cache cache = new WeakReferenceCache();
    /** Where each execution held in memory stood in the ledger when this instance last committed to it. */
    private final Map<Object, Long> heldHeads = Caffeine.newBuilder().maximumSize(HEADS_REMEMBERED)
            .<Object, Long>build().asMap();

    /**
     * Drops from memory the executions that another instance appended to since this one last did
     * (their stored head is not the one held), so that they are read again from the store rather
     * than refused as stale: only those cost a read, and the batch goes on. Call under their locks.
     * Answers how many this instance held that another had changed: how often instances meet.
     */
    public int forgetChangedElsewhere(Map<String, Long> storedHeads, Collection<String> executionIds) {
        int changedElsewhere = 0;
        for (String executionId : executionIds) {
            Long held = heldHeads.get(executionId);
            if (held == null || !held.equals(storedHeads.get(executionId))) {
                cache.remove(executionId);
                changedElsewhere += held == null ? 0 : 1;
            }
        }
        return changedElsewhere;
    }

    /** Those of these executions that are not held in memory: loading them reads their ledgers. */
    public List<String> notHeld(Collection<String> executionIds) {
        return executionIds.stream().filter(executionId -> !cache.containsKey(executionId)).toList();
    }

    /** Once the transaction commits, these are the heads of the executions it appended to. */
    public void heldAtAfterCommit(Map<String, Long> heads) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                heldHeads.putAll(heads);
            }
        });
    }

    @Bean(NAME)
    Cache executionCache() {
        return cache;
    }

    /** Call inside a transaction that dispatches commands: a rollback then empties the cache. */
    public void evictAllIfRolledBack() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    cache.removeAll();
                    heldHeads.clear();
                }
            }
        });
    }
}
