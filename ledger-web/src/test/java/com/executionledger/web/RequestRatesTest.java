package com.executionledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRatesTest {

    private final AtomicLong now = new AtomicLong();
    private final RequestRates rates = new RequestRates(10, 3, now::get);

    @Test
    void aBurstGoesAheadThenTheCallerWaitsForTheRefill() {
        assertThat(rates.secondsToWait("a")).isZero();
        assertThat(rates.secondsToWait("a")).isZero();
        assertThat(rates.secondsToWait("a")).isZero();
        assertThat(rates.secondsToWait("a")).isEqualTo(1);

        now.addAndGet(100_000_000); // 0.1 s: one request's worth
        assertThat(rates.secondsToWait("a")).isZero();
        assertThat(rates.secondsToWait("a")).isEqualTo(1);
    }

    @Test
    void eachCallerHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            rates.secondsToWait("a");
        }
        assertThat(rates.secondsToWait("a")).isEqualTo(1);
        assertThat(rates.secondsToWait("b")).isZero();
    }

    @Test
    void anIdleCallerRefillsOnlyUpToTheBurst() {
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(rates.secondsToWait("a")).isZero();
        }
        assertThat(rates.secondsToWait("a")).isEqualTo(1);
    }

    @Test
    void aSlowRateTellsTheWholeWait() {
        RequestRates slow = new RequestRates(0.25, 1, now::get);
        assertThat(slow.secondsToWait("a")).isZero();
        assertThat(slow.secondsToWait("a")).isEqualTo(4);
        assertThat(slow.refusal()).contains("at most 0.25 per second (bursts of 1)");
    }

    @Test
    void aLimitWithoutRoomIsRefused() {
        assertThatThrownBy(() -> new RequestRates(0, 10)).hasMessageContaining("positive rate");
        assertThatThrownBy(() -> new RequestRates(10, 0)).hasMessageContaining("burst of at least 1");
    }
}
