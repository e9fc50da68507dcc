package com.executionledger.command.execution;

import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes an empty execution to replay its ledger into. Axon's Spring default makes each one a
 * prototype bean, through every bean post-processor, about a fifth of the cost of loading an
 * execution when measured; an execution needs nothing injected, so its constructor does.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionFactory {

    /** Named as Axon's Spring support looks it up for the {@code Execution} aggregate. */
    @Bean("executionAggregateFactory")
    AggregateFactory<Execution> executionAggregateFactory() {
        return new GenericAggregateFactory<>(Execution.class);
    }
}
