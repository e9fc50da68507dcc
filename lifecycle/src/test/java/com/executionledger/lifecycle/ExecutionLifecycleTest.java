package com.executionledger.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionStatus;
import com.executionledger.events.TestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contract's fold on its own: an execution's state as its facts make it, whatever order they came in. */
class ExecutionLifecycleTest {

    private static final TestEvents ACME = TestEvents.of("exe_fold", "org_acme");

    private static final List<ExecutionEvent> HISTORY = List.of(
            ACME.created("c", 0), ACME.paymentFailed("f", 1, "card_declined"), ACME.paymentConfirmed("p", 2),
            ACME.queued("q", 3), ACME.running("r", 4), ACME.succeeded("s", 5));

    @Test
    void anyDeliveryOrderFoldsToTheSameState() {
        ExecutionState inOrder = ExecutionLifecycle.derive(HISTORY).orElseThrow();
        Random random = new Random(7);
        for (int shuffle = 0; shuffle < 50; shuffle++) {
            List<ExecutionEvent> delivered = new ArrayList<>(HISTORY);
            Collections.shuffle(delivered, random);
            assertThat(ExecutionLifecycle.derive(delivered)).as(delivered.toString()).contains(inOrder);
        }
        assertThat(inOrder.status()).isEqualTo(ExecutionStatus.WORKFLOW_SUCCEEDED);
        assertThat(inOrder.paymentStatus()).isEqualTo("paid");
        assertThat(inOrder.createdAt()).isEqualTo(TestEvents.at(0));
        assertThat(inOrder.finishedAt()).isEqualTo(TestEvents.at(5));
    }

    @Test
    void noStateUntilTheExecutionIsCreated() {
        assertThat(ExecutionLifecycle.derive(List.of(ACME.paymentConfirmed("p", 2), ACME.running("r", 4)))).isEmpty();
        assertThat(ExecutionLifecycle.owner(List.of(ACME.running("r", 4)))).isEmpty();
    }

    @Test
    void aTerminalStatusIsNotLeftByLaterWorkflowEvents() {
        Optional<ExecutionState> state = ExecutionLifecycle.derive(List.of(ACME.created("c", 0), ACME.paymentConfirmed("p", 1),
                ACME.failed("x", 2, "timeout"), ACME.running("r", 3)));

        assertThat(state.orElseThrow().status()).isEqualTo(ExecutionStatus.WORKFLOW_FAILED);
        assertThat(state.orElseThrow().statusReason()).isEqualTo("timeout");
    }

    @Test
    void anotherOrganizationsFactsChangeNothing() {
        ExecutionState own = ExecutionLifecycle.derive(List.of(ACME.created("c", 0), ACME.paymentConfirmed("p", 1))).orElseThrow();

        assertThat(ExecutionLifecycle.owner(List.of(ACME.inOrganization("org_intruder").running("i", 2), ACME.created("c", 0))))
                .contains("org_acme");
        assertThat(ExecutionLifecycle.derive(List.of(ACME.created("c", 0), ACME.paymentConfirmed("p", 1),
                ACME.inOrganization("org_intruder").succeeded("i", 2)))).contains(own);
    }

    @Test
    void theEffectOfAnEventSaysWhatItChanged() {
        Optional<ExecutionState> before = ExecutionLifecycle.derive(List.of(ACME.created("c", 0)));
        Optional<ExecutionState> after = ExecutionLifecycle.derive(List.of(ACME.created("c", 0), ACME.paymentConfirmed("p", 1)));

        assertThat(StateChange.describe(Optional.empty(), before, ACME.created("c", 0).type()))
                .isEqualTo("listed the execution with status awaiting_payment");
        assertThat(StateChange.describe(before, after, ACME.paymentConfirmed("p", 1).type()))
                .startsWith("changed status awaiting_payment -> payment_confirmed");
    }
}
