package com.executionledger.query.readmodel;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The projection is degraded, not up, while any execution is set aside: its row in the list is
 * missing or behind its ledger. Degraded still serves (HTTP 200); readiness is not affected.
 */
@Component("projection")
class ProjectionHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "executions are set aside; see /admin/set-aside");

    private final SetAsideExecutions setAside;

    ProjectionHealth(SetAsideExecutions setAside) {
        this.setAside = setAside;
    }

    @Override
    public Health health() {
        long count = setAside.count();
        if (count == 0) {
            return Health.up().build();
        }
        return Health.status(DEGRADED).withDetail("setAsideExecutions", count)
                .withDetail("first", setAside.list(5).stream().map(SetAsideExecutions.SetAside::executionId).toList())
                .build();
    }
}
