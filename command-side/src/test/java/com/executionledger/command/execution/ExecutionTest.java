package com.executionledger.command.execution;

import static com.executionledger.events.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.executionledger.command.execution.RecordingOutcome.Result;
import com.executionledger.events.EventHeader;
import com.executionledger.events.EventRejected;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ExecutionStatus;
import com.executionledger.events.PaymentConfirmed;
import com.executionledger.events.TestEvents;
import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.lifecycle.StateChange;
import com.executionledger.store.LedgerChain;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One lifecycle rule of the contract per test: given earlier facts, when one more arrives. */
class ExecutionTest {

    private static final TestEvents ACME = TestEvents.of("exe_1", "org_acme");
    private static final TestEvents GLOBEX = ACME.inOrganization("org_globex");

    private AggregateTestFixture<Execution> fixture;

    @BeforeEach
    void frozenClock() {
        fixture = new AggregateTestFixture<>(Execution.class);
        fixture.setReportIllegalStateChange(true);
    }

    private ResultValidator<Execution> givenWhen(ExecutionEvent[] given, ExecutionEvent arriving) {
        return fixture.givenCurrentTime(at(1_000))
                .andGiven((Object[]) given)
                .when(new RecordExecutionEvents(arriving));
    }

    private void expectAppendedWithState(ExecutionEvent[] given, ExecutionEvent arriving, Consumer<ExecutionState> check) {
        givenWhen(given, arriving)
                .expectSuccessfulHandlerExecution()
                .expectEvents(arriving)
                .expectResultMessagePayload(List.of(new RecordingOutcome(Result.APPENDED, null, List.of(), at(1_000),
                        given.length - 1)))
                .expectState(execution -> check.accept(execution.state().orElseThrow()));
    }

    private static ExecutionEvent[] given(ExecutionEvent... events) {
        return events;
    }

    @Test
    void createdStartsAwaitingPaymentWithPaymentPending() {
        expectAppendedWithState(given(), ACME.created("c", 0), state -> {
            assertThat(state.status()).isEqualTo(ExecutionStatus.AWAITING_PAYMENT);
            assertThat(state.paymentStatus()).isEqualTo("pending");
            assertThat(state.createdAt()).isEqualTo(at(0));
            assertThat(state.organizationId()).isEqualTo("org_acme");
            assertThat(state.workflowId()).isEqualTo("wf_1");
        });
    }

    @Test
    void aFirstEventStartsTheExecutionWithoutLookingItUp() {
        fixture.givenNoPriorActivity()
                .when(new RecordFirstExecutionEvents(ACME.created("c", 0)))
                .expectEvents(ACME.created("c", 0))
                .expectState(execution -> assertThat(execution.state().orElseThrow().status())
                        .isEqualTo(ExecutionStatus.AWAITING_PAYMENT));
    }

    @Test
    void createdWithoutPaymentRequiredIsConfirmedAndNotRequired() {
        expectAppendedWithState(given(), ACME.createdWithoutPayment("c", 0), state -> {
            assertThat(state.status()).isEqualTo(ExecutionStatus.PAYMENT_CONFIRMED);
            assertThat(state.paymentStatus()).isEqualTo("not_required");
        });
    }

    @Test
    void paymentConfirmedMovesToPaymentConfirmedAndSetsItsFields() {
        expectAppendedWithState(given(ACME.created("c", 0)), ACME.paymentConfirmed("p", 1), state -> {
            assertThat(state.status()).isEqualTo(ExecutionStatus.PAYMENT_CONFIRMED);
            assertThat(state.paymentStatus()).isEqualTo("paid");
            assertThat(state.orderId()).isEqualTo("ord_p");
        });
    }

    @Test
    void paymentFailureKeepsAwaitingPaymentWithItsReason() {
        expectAppendedWithState(given(ACME.created("c", 0)), ACME.paymentFailed("f", 1, "card declined"), state -> {
            assertThat(state.status()).isEqualTo(ExecutionStatus.AWAITING_PAYMENT);
            assertThat(state.paymentStatus()).isEqualTo("failed");
            assertThat(state.statusReason()).isEqualTo("card declined");
        });
    }

    @Test
    void retriedPaymentAfterFailureConfirmsAndClearsTheReason() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.paymentFailed("f", 1, "card declined")),
                ACME.paymentConfirmed("p", 2), state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.PAYMENT_CONFIRMED);
                    assertThat(state.paymentStatus()).isEqualTo("paid");
                    assertThat(state.statusReason()).isNull();
                });
    }

    @Test
    void refundChangesPaymentStatusOnly() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.paymentConfirmed("p", 1), ACME.queued("q", 2)),
                ACME.paymentRefunded("r", 3), state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_QUEUED);
                    assertThat(state.paymentStatus()).isEqualTo("refunded");
                });
    }

    @Test
    void queuedMayFollowAwaitingPaymentDirectly() {
        expectAppendedWithState(given(ACME.created("c", 0)), ACME.queued("q", 1), state -> {
            assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_QUEUED);
            assertThat(state.paymentStatus()).isEqualTo("pending");
            assertThat(state.runId()).isEqualTo("run_q");
        });
    }

    @Test
    void runningAndWaitingAlternate() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.running("r1", 1), ACME.waiting("w", 2, "approval")),
                ACME.running("r2", 3), state -> assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_RUNNING));
    }

    @Test
    void waitingCarriesItsReason() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.running("r1", 1)), ACME.waiting("w", 2, "approval"),
                state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_WAITING);
                    assertThat(state.statusReason()).isEqualTo("approval");
                });
    }

    @Test
    void startedAtIsTheFirstRunning() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.running("r1", 1), ACME.waiting("w", 2, "approval")),
                ACME.running("r2", 3), state -> assertThat(state.startedAt()).isEqualTo(at(1)));
    }

    @Test
    void latePaymentConfirmationSetsPaymentFieldsButNeverMovesStatusBack() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.running("r", 1)), ACME.paymentConfirmed("p", 2),
                state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_RUNNING);
                    assertThat(state.paymentStatus()).isEqualTo("paid");
                    assertThat(state.orderId()).isEqualTo("ord_p");
                });
    }

    @Test
    void queuedAfterRunningDoesNotMoveStatusBack() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.running("r", 1)), ACME.queued("q", 2),
                state -> assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_RUNNING));
    }

    @Test
    void firstTerminalWinsAndSetsFinishedAt() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.running("r", 1), ACME.succeeded("s", 2)),
                ACME.failed("f", 3, "timeout"), state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_SUCCEEDED);
                    assertThat(state.finishedAt()).isEqualTo(at(2));
                    assertThat(state.responsePayload()).isEqualTo(Map.of("result", "s"));
                    assertThat(state.statusReason()).isNull();
                });
    }

    @Test
    void workflowEventAfterTerminalChangesNothingAtAll() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.cancelled("x", 1, "user")),
                ACME.running("r", 5), state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_CANCELLED);
                    assertThat(state.startedAt()).isNull();
                    assertThat(state.updatedAt()).isEqualTo(at(1));
                    assertThat(state.statusReason()).isEqualTo("user");
                });
    }

    @Test
    void lateRefundStillChangesPaymentStatusAfterTerminal() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.paymentConfirmed("p", 1), ACME.succeeded("s", 2)),
                ACME.paymentRefunded("r", 3), state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_SUCCEEDED);
                    assertThat(state.paymentStatus()).isEqualTo("refunded");
                    assertThat(state.updatedAt()).isEqualTo(at(3));
                });
    }

    @Test
    void paymentStatusFollowsTheLatestPaymentEvent() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.paymentConfirmed("p", 1), ACME.paymentRefunded("r", 2)),
                ACME.paymentFailed("f", 3, "chargeback"), state -> {
                    assertThat(state.paymentStatus()).isEqualTo("failed");
                    assertThat(state.status()).isEqualTo(ExecutionStatus.PAYMENT_CONFIRMED);
                    assertThat(state.statusReason()).isNull();
                });
    }

    @Test
    void createdLeavesAPaymentStatusThatAnEarlierPaymentEventSet() {
        expectAppendedWithState(given(ACME.paymentConfirmed("p", 0)), ACME.created("c", 1), state -> {
            assertThat(state.status()).isEqualTo(ExecutionStatus.PAYMENT_CONFIRMED);
            assertThat(state.paymentStatus()).isEqualTo("paid");
        });
    }

    @Test
    void laterDataFieldsOverwriteAndOmittedOnesAreKept() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.queued("q", 1)), ACME.running("r", 2), state -> {
            assertThat(state.runId()).isEqualTo("run_q");
            assertThat(state.checkoutSessionId()).isEqualTo("cs_1");
        });
    }

    @Test
    void sourceSystemAndCreatedAtComeFromTheFirstCreated() {
        expectAppendedWithState(given(ACME.from("checkout").created("c1", 5)), ACME.from("billing").created("c2", 2),
                state -> {
                    assertThat(state.sourceSystem()).isEqualTo("billing");
                    assertThat(state.createdAt()).isEqualTo(at(2));
                });
    }

    @Test
    void updatedAtIsTheLatestOccurredAtApplied() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.running("r", 9)), ACME.queued("q", 4),
                state -> assertThat(state.updatedAt()).isEqualTo(at(9)));
    }

    @Test
    void outOfOrderArrivalConvergesOnTheContractOrder() {
        expectAppendedWithState(given(ACME.succeeded("s", 4), ACME.running("r", 3), ACME.paymentConfirmed("p", 2)),
                ACME.created("c", 1), state -> {
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_SUCCEEDED);
                    assertThat(state.startedAt()).isEqualTo(at(3));
                    assertThat(state.finishedAt()).isEqualTo(at(4));
                    assertThat(state.paymentStatus()).isEqualTo("paid");
                    assertThat(state.createdAt()).isEqualTo(at(1));
                });
    }

    @Test
    void tiesOnOccurredAtAreBrokenByType() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.cancelled("x", 5, "user")), ACME.succeeded("s", 5),
                state -> assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_SUCCEEDED));
    }

    @Test
    void tiesOnTypeAreBrokenByEventId() {
        expectAppendedWithState(given(ACME.created("c", 0), ACME.waiting("w2", 5, "second")),
                ACME.waiting("w1", 5, "first"), state -> assertThat(state.statusReason()).isEqualTo("second"));
    }

    /** Only this event, carrying this effect in its metadata (beside the fixture's own tracing keys). */
    private static Matcher<List<EventMessage<?>>> onlyWithEffect(ExecutionEvent event, String effect) {
        Matcher<EventMessage<?>> withEffect = new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(EventMessage<?> message) {
                return message.getPayload().equals(event) && effect.equals(message.getMetaData().get(StateChange.METADATA_KEY));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(event.type().wireName() + " with effect '" + effect + "'");
            }
        };
        return Matchers.exactSequenceOf(withEffect, Matchers.andNoMore());
    }

    @Test
    void theLedgerKeepsWhatEachEventDid() {
        givenWhen(given(ACME.created("c", 0)), ACME.paymentConfirmed("p", 1))
                .expectEventsMatching(onlyWithEffect(ACME.paymentConfirmed("p", 1),
                        "changed status awaiting_payment -> payment_confirmed, paymentStatus, orderId, updatedAt"));
    }

    @Test
    void eachEventLinksToThePreviousInTheHashChainCoveringItsArrivalWhichIsItsTimestamp() {
        String effect = "changed status awaiting_payment -> payment_confirmed, paymentStatus, orderId, updatedAt";
        String createdLink = LedgerChain.next(LedgerChain.GENESIS, ACME.created("c", 0), null, null);

        givenWhen(given(ACME.created("c", 0)), ACME.paymentConfirmed("p", 1))
                .expectEventsMatching(Matchers.exactSequenceOf(new TypeSafeMatcher<EventMessage<?>>() {
                    @Override
                    protected boolean matchesSafely(EventMessage<?> message) {
                        String arrivedAt = (String) message.getMetaData().get(LedgerChain.ARRIVED_AT_KEY);
                        return arrivedAt != null && Instant.parse(arrivedAt).equals(message.getTimestamp())
                                && LedgerChain.next(createdLink, ACME.paymentConfirmed("p", 1), effect, arrivedAt)
                                        .equals(message.getMetaData().get(LedgerChain.METADATA_KEY));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("an event stamped with the arrival its link covers, after " + createdLink);
                    }
                }, Matchers.andNoMore()));
    }

    @Test
    void theLedgerShowsALateEventThatChangedNothing() {
        givenWhen(given(ACME.created("c", 0), ACME.succeeded("s", 3)), ACME.running("r", 4))
                .expectEventsMatching(onlyWithEffect(ACME.running("r", 4), "ignored: the execution had already reached workflow_succeeded"));
    }

    @Test
    void theLedgerShowsAnEventKeptUntilCreation() {
        givenWhen(given(), ACME.queued("q", 4))
                .expectEventsMatching(onlyWithEffect(ACME.queued("q", 4), "kept; takes effect when execution_created arrives"));
    }

    @Test
    void eventsBeforeCreationAreKeptButNotListed() {
        givenWhen(given(), ACME.paymentConfirmed("p", 1))
                .expectEvents(ACME.paymentConfirmed("p", 1))
                .expectState(execution -> assertThat(execution.state()).isEmpty());
    }

    @Test
    void duplicateEventIdChangesNothing() {
        givenWhen(given(ACME.created("c", 0), ACME.paymentConfirmed("p", 1)), ACME.paymentConfirmed("p", 1))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new RecordingOutcome(Result.DUPLICATE, null, List.of(), at(1_000), 1)));
    }

    @Test
    void aReusedEventIdWithOtherContentIsAConflictPointingToTheOriginal() {
        givenWhen(given(ACME.created("c", 0), ACME.paymentConfirmed("p", 1)), ACME.paymentConfirmed("p", 2))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(RecordingOutcome.conflicting(
                        "eventId 'p' is already in the ledger with other content", at(1_000), 1,
                        new EventPointer("exe_1", 1L))));
    }

    @Test
    void theSameEventIdWithTheSameContentReadAgainIsADuplicate() {
        PaymentConfirmed paid = ACME.paymentConfirmed("p", 1);
        PaymentConfirmed readAgain = new PaymentConfirmed(new EventHeader("p", "exe_1", "org_acme",
                paid.header().occurredAt(), paid.header().sourceSystem()), paid.orderId(), paid.checkoutSessionId(),
                paid.paymentStatus(), Map.copyOf(paid.otherData()));
        givenWhen(given(ACME.created("c", 0), paid), readAgain)
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new RecordingOutcome(Result.DUPLICATE, null, List.of(), at(1_000), 1)));
    }

    @Test
    void eventOfAnotherOrganizationIsRejectedWithItsReason() {
        givenWhen(given(ACME.created("c", 0)), GLOBEX.paymentConfirmed("p", 1))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new RecordingOutcome(Result.REJECTED,
                        "organizationId 'org_globex' does not own execution 'exe_1'", List.of(), at(1_000), 0)))
                .expectState(execution -> assertThat(execution.state().orElseThrow().paymentStatus()).isEqualTo("pending"));
    }

    @Test
    void foreignEventsThatArrivedBeforeCreationAreRejectedWhenItArrives() {
        String reason = "organizationId 'org_globex' does not own execution 'exe_1'";
        givenWhen(given(GLOBEX.paymentConfirmed("p", 1), ACME.queued("q", 2)), ACME.created("c", 0))
                .expectEvents(ACME.created("c", 0),
                        new EventRejected(GLOBEX.header("p", 1), GLOBEX.paymentConfirmed("p", 1).type(), reason))
                .expectResultMessagePayload(List.of(new RecordingOutcome(Result.APPENDED, null,
                        List.of(new RecordingOutcome.LaterRejection(GLOBEX.paymentConfirmed("p", 1), reason)), at(1_000), 1)))
                .expectState(execution -> {
                    ExecutionState state = execution.state().orElseThrow();
                    assertThat(state.status()).isEqualTo(ExecutionStatus.WORKFLOW_QUEUED);
                    assertThat(state.paymentStatus()).isEqualTo("pending");
                });
    }

    @Test
    void laterCreatedOfAnotherOrganizationIsRejected() {
        givenWhen(given(ACME.created("c", 0)), GLOBEX.created("c2", 1))
                .expectNoEvents()
                .expectState(execution -> assertThat(execution.state().orElseThrow().organizationId()).isEqualTo("org_acme"));
    }

    @Test
    void eventsOfOneCommandAreTakenInTheirOrderEachWithItsOutcomeAndPlace() {
        fixture.givenCurrentTime(at(1_000))
                .when(new RecordFirstExecutionEvents("exe_1", List.of(ACME.created("c", 0), ACME.paymentConfirmed("p", 1),
                        ACME.paymentConfirmed("p", 1), GLOBEX.queued("q", 2), ACME.queued("q2", 3))))
                .expectEvents(ACME.created("c", 0), ACME.paymentConfirmed("p", 1), ACME.queued("q2", 3))
                .expectResultMessagePayload(List.of(
                        new RecordingOutcome(Result.APPENDED, null, List.of(), at(1_000), -1),
                        new RecordingOutcome(Result.APPENDED, null, List.of(), at(1_000), 0),
                        new RecordingOutcome(Result.DUPLICATE, null, List.of(), at(1_000), 1),
                        new RecordingOutcome(Result.REJECTED, "organizationId 'org_globex' does not own execution 'exe_1'",
                                List.of(), at(1_000), 1),
                        new RecordingOutcome(Result.APPENDED, null, List.of(), at(1_000), 1)))
                .expectState(execution -> assertThat(execution.state().orElseThrow().status())
                        .isEqualTo(ExecutionStatus.WORKFLOW_QUEUED));
    }
}
