package com.executionledger.query.auth;

/** The organization a request acts for, as its bearer token decided. */
public record Organization(String id) {

    /** The request attribute under which {@link BearerTokens} leaves it for handlers. */
    public static final String ATTRIBUTE = "ledger.organization";
}
