package com.executionledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GcShareTest {

    private final AtomicLong collecting = new AtomicLong();
    private final GcPressureHealth.GcShare share = new GcPressureHealth.GcShare(10, collecting::get);

    @Test
    void nothingToSayBeforeTwoSamples() {
        share.sample(0);

        assertThat(share.fraction()).isZero();
    }

    @Test
    void theShareIsOverTheLastTenSecondsOnly() {
        for (int second = 0; second <= 30; second++) {
            share.sample(second * 1_000_000_000L);
            collecting.addAndGet(second < 20 ? 100 : 900); // 10% for 20 s, then 90%
        }

        assertThat(share.fraction()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void aServiceThatCollectsMostOfTheTimeIsReportedAsSuch() {
        for (int second = 0; second <= 5; second++) {
            share.sample(second * 1_000_000_000L);
            collecting.addAndGet(600);
        }

        assertThat(share.fraction()).isGreaterThan(GcPressureHealth.DOWN_ABOVE);
    }
}
