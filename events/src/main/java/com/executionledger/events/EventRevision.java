package com.executionledger.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema revision of a stored event type, so that an upcaster can recognise old shapes.
 * Our own annotation rather than Axon's keeps this module free of framework dependencies;
 * the event store reads it through its revision resolver.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {
    String value();
}
