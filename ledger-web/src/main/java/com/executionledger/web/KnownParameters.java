package com.executionledger.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters an endpoint takes. Any other is a 400 {@code unknown_parameter} naming it,
 * rather than ignored: a misspelt filter must not answer as if it were not there. An endpoint
 * without this annotation takes none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface KnownParameters {

    String[] value();
}
