package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishTrackerTest {

    @Test
    void completesOnceEveryRecordHasAnOutcome() {
        PublishTracker tracker = new PublishTracker(3);
        tracker.done(2, true);
        tracker.done(0, false);
        assertThat(tracker.allDone()).isNotDone();
        assertThat(tracker.acknowledged(2)).isTrue();
        assertThat(tracker.acknowledged(0)).isFalse();
        assertThat(tracker.acknowledged(1)).isFalse();
        tracker.done(1, true);
        assertThat(tracker.allDone()).isCompleted();
        assertThat(tracker.acknowledged(1)).isTrue();
    }

    @Test
    void aSecondOutcomeForASlotChangesNothing() {
        PublishTracker tracker = new PublishTracker(2);
        tracker.done(0, false);
        tracker.done(0, true);
        assertThat(tracker.acknowledged(0)).isFalse();
        assertThat(tracker.allDone()).isNotDone();
    }

    @Test
    void nothingToWaitFor() {
        assertThat(new PublishTracker(0).allDone()).isCompleted();
    }
}
