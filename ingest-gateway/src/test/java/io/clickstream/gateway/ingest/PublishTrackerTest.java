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

    @Test
    void settlesOnceWithEveryOutcomeBeforeTheFutureCompletes() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        PublishTracker[] tracker = new PublishTracker[1];
        tracker[0] = new PublishTracker(3, t -> {
            assertThat(t).isSameAs(tracker[0]);
            assertThat(t.allDone()).as("settled before the answer can be built").isNotDone();
            for (int slot = 0; slot < 3; slot++) {
                seen.add(slot + ":" + t.acknowledged(slot));
            }
        });
        long before = System.nanoTime();
        tracker[0].done(1, true);
        tracker[0].done(0, false);
        assertThat(seen).isEmpty();
        tracker[0].done(2, true);
        tracker[0].done(2, false);
        assertThat(seen).containsExactly("0:false", "1:true", "2:true");
        assertThat(tracker[0].allDone()).isCompleted();
        assertThat(tracker[0].acknowledgedAt(1)).isBetween(before, System.nanoTime());
        assertThat(tracker[0].acknowledgedAt(2)).isGreaterThanOrEqualTo(tracker[0].acknowledgedAt(1));
    }

    @Test
    void completesEvenIfSettlingFails() {
        PublishTracker tracker = new PublishTracker(1, t -> {
            throw new IllegalStateException("bookkeeping failed");
        });
        try {
            tracker.done(0, true);
        } catch (IllegalStateException expected) {
            // thrown to the reporting thread; the request's answer must still come
        }
        assertThat(tracker.allDone()).isCompleted();
    }
}
