package com.executionledger.query.readmodel;

import com.executionledger.lifecycle.ExecutionLifecycle;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.store.LedgerEvents;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the set-aside list in step with what is written: a row that could not be written sets its
 * execution aside, a row written takes it off. Set-aside executions are tried again from their
 * ledger every minute and on an operator's request, so a fixed cause (a column widened, say)
 * heals them without anyone editing the database.
 */
@Service
public class SetAsideRetries {

    private static final Logger log = LoggerFactory.getLogger(SetAsideRetries.class);

    /** What this instance knows to be set aside, so that a batch with none of them costs no statement. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final SetAsideExecutions setAside;
    private final ExecutionRows rows;
    private final LedgerEvents ledger;
    private final TransactionTemplate transaction;

    SetAsideRetries(SetAsideExecutions setAside, ExecutionRows rows, LedgerEvents ledger, TransactionTemplate transaction) {
        this.setAside = setAside;
        this.rows = rows;
        this.ledger = ledger;
        this.transaction = transaction;
    }

    /** Records a batch's outcome: its failures set aside, its other rows off the list. Call in the batch's transaction. */
    void written(List<ExecutionState> states, List<RowFailure> failures) {
        if (!failures.isEmpty()) {
            failures.forEach(failure -> log.warn("Execution {} set aside: its row cannot be written: {}",
                    failure.executionId(), failure.reason()));
            setAside.setAside(failures);
            failures.forEach(failure -> known.add(failure.executionId()));
        }
        if (!known.isEmpty()) {
            Set<String> failed = failures.stream().map(RowFailure::executionId).collect(Collectors.toSet());
            List<String> healed = states.stream().map(ExecutionState::id)
                    .filter(id -> known.contains(id) && !failed.contains(id)).toList();
            setAside.release(healed);
            healed.forEach(known::remove);
        }
    }

    /** Tries every set-aside execution again; answers how many remain set aside. */
    @Scheduled(fixedDelayString = "${ledger.projection.set-aside-retry-ms:60000}", initialDelay = 5_000)
    public long retryAll() {
        List<String> ids = setAside.ids(); // read once: the list is the table's, whatever this instance knew
        known.retainAll(ids);
        known.addAll(ids);
        ids.forEach(this::writeAgain);
        return setAside.count();
    }

    /** Writes the execution's row again from its ledger; answers whether it is still set aside, empty if it never was. */
    public Optional<Boolean> retry(String executionId) {
        if (!setAside.ids().contains(executionId)) {
            known.remove(executionId);
            return Optional.empty();
        }
        known.add(executionId);
        return Optional.of(writeAgain(executionId));
    }

    private boolean writeAgain(String executionId) {
        Boolean stillSetAside = transaction.execute(status -> {
            List<ExecutionState> state = ExecutionLifecycle.derive(LedgerEvents.facts(ledger.ofExecution(executionId)))
                    .map(List::of).orElse(List.of());
            List<RowFailure> failures = state.isEmpty() ? List.of() : rows.saveAll(state);
            if (state.isEmpty()) {
                setAside.release(List.of(executionId));
                known.remove(executionId);
            } else {
                written(state, failures);
            }
            return !failures.isEmpty();
        });
        return Boolean.TRUE.equals(stillSetAside);
    }
}
