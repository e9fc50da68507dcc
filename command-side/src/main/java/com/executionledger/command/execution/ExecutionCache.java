package com.executionledger.command.execution;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Executions stay in memory between their events, so an event costs one append instead of
 * re-reading its execution's ledger. Axon evicts an execution whose own unit of work rolls
 * back; ingest runs many units of work in one database transaction, so when that transaction
 * rolls back, everything cached during it is dropped as well.
 */
@Configuration(proxyBeanMethods = false)
public class ExecutionCache {

    static final String NAME = "executionAggregateCache";

    private final Cache cache = new WeakReferenceCache();

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
                }
            }
        });
    }
}
