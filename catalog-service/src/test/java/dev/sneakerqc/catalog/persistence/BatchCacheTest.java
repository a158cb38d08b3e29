package dev.sneakerqc.catalog.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchCacheTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final UUID batch = UUID.randomUUID();
    private BatchCache cache;

    @BeforeEach
    void vouched() {
        cache = new BatchCache(3, now::get);
        cache.serveUntil(now.get() + SECOND);
    }

    @Test
    void servesAReadUntilTheBatchChanges() {
        cache.offer(batch, 2, body("stage 2"), cache.stamp(batch));
        assertThat(cache.get(batch)).isEqualTo(body("stage 2"));

        cache.changed(batch, 3);

        assertThat(cache.get(batch)).isNull();
        cache.offer(batch, 3, body("stage 3"), cache.stamp(batch));
        assertThat(cache.get(batch)).isEqualTo(body("stage 3"));
    }

    @Test
    void aChangeAlreadyShownKeepsTheEntry() {
        // This instance's own change is read back before its event comes round through the feed.
        cache.offer(batch, 3, body("stage 3"), cache.stamp(batch));

        cache.changed(batch, 3);
        cache.changed(batch, 2);

        assertThat(cache.get(batch)).isEqualTo(body("stage 3"));
    }

    @Test
    void aReadThatAChangeOvertookIsRefused() {
        long stamp = cache.stamp(batch);
        // ... the read of sequence 2 is under way when change 3 commits and is announced ...
        cache.changed(batch, 3);
        cache.offer(batch, 2, body("stage 2"), stamp);

        assertThat(cache.get(batch)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anOlderReadDoesNotReplaceANewerOne() {
        long stamp = cache.stamp(batch);
        cache.offer(batch, 4, body("stage 4"), stamp);
        cache.offer(batch, 3, body("stage 3"), stamp);

        assertThat(cache.get(batch)).isEqualTo(body("stage 4"));
    }

    @Test
    void servesNothingBeforeOrAfterTheFeedVouches() {
        BatchCache fresh = new BatchCache(3, now::get);
        fresh.offer(batch, 2, body("stage 2"), fresh.stamp(batch));
        assertThat(fresh.get(batch)).isNull();
        assertThat(fresh.size()).isZero();

        cache.offer(batch, 2, body("stage 2"), cache.stamp(batch));
        now.addAndGet(SECOND);

        assertThat(cache.isServing()).isFalse();
        assertThat(cache.get(batch)).isNull();
        cache.serveUntil(now.get() + SECOND);
        assertThat(cache.get(batch)).isEqualTo(body("stage 2"));
    }

    @Test
    void suspendingDropsEverythingAndRefusesReadsInFlight() {
        UUID other = UUID.randomUUID();
        cache.offer(batch, 2, body("stage 2"), cache.stamp(batch));
        long stampBefore = cache.stamp(other);

        cache.suspend();

        assertThat(cache.size()).isZero();
        assertThat(cache.isServing()).isFalse();
        cache.serveUntil(now.get() + SECOND);
        cache.offer(other, 2, body("other"), stampBefore);
        assertThat(cache.get(other)).isNull();
        assertThat(cache.get(batch)).isNull();
    }

    @Test
    void forgettingABatchDropsItAndRefusesItsReadsInFlight() {
        cache.offer(batch, 2, body("stage 2"), cache.stamp(batch));
        long stamp = cache.stamp(batch);

        cache.forget(batch);
        cache.offer(batch, 2, body("stage 2"), stamp);

        assertThat(cache.get(batch)).isNull();
    }

    @Test
    void holdsNoMoreThanItsMaximumButStillRenewsWhatItHolds() {
        UUID[] held = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        for (UUID id : held) {
            cache.offer(id, 2, body(id.toString()), cache.stamp(id));
        }
        cache.offer(batch, 2, body("one too many"), cache.stamp(batch));
        assertThat(cache.get(batch)).isNull();
        assertThat(cache.size()).isEqualTo(3);

        cache.changed(held[0], 3);
        cache.offer(held[0], 3, body("renewed"), cache.stamp(held[0]));
        assertThat(cache.get(held[0])).isEqualTo(body("renewed"));
    }

    @Test
    void changesOfBatchesNotHeldLeaveNothingBehind() {
        for (int i = 0; i < 1000; i++) {
            cache.changed(UUID.randomUUID(), 2);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void needsRoomForOneBatch() {
        assertThatThrownBy(() -> new BatchCache(0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
