package com.executionledger.events;

/**
 * The payment statuses the contract names. Not an enum: {@code payment_confirmed} carries the
 * payment provider's own status (any 1 to 64 characters, {@link #PAID} when it says none), and the
 * ledger keeps it as sent.
 */
public final class PaymentStatuses {

    /** Set by {@code execution_created} when a payment is required. */
    public static final String PENDING = "pending";
    /** Set by {@code execution_created} with {@code paymentRequired: false}. */
    public static final String NOT_REQUIRED = "not_required";
    /** What {@code payment_confirmed} means when it carries no status of its own. */
    public static final String PAID = "paid";
    public static final String FAILED = "failed";
    public static final String REFUNDED = "refunded";

    private PaymentStatuses() {
    }
}
