package dev.sneakerqc.support.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IdleHeapReleaseTest {

    private static final long MB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    /** A heap that grows while "busy" and shrinks to {@code afterCollect} on a full collection. */
    private static final class FakeHeap implements IdleHeapRelease.Heap {
        long collections;
        long used = 20 * MB;
        long committed = 64 * MB;
        long afterCollect = 70 * MB;
        int fullCollections;

        @Override
        public long collections() {
            return collections;
        }

        @Override
        public long used() {
            return used;
        }

        @Override
        public long committed() {
            return committed;
        }

        @Override
        public void collect() {
            fullCollections++;
            collections++;
            used = 20 * MB;
            committed = afterCollect;
        }
    }

    @Test
    void releasesOnceWhenNoCollectionHasRunForTheIdleTimeAfterTheHeapGrew() {
        FakeHeap heap = new FakeHeap();
        IdleHeapRelease release = new IdleHeapRelease(Duration.ofSeconds(2), heap);
        long t = 0;
        for (int second = 0; second < 10; second++) { // a load: collections every second, the heap grows
            heap.collections += 5;
            heap.committed += 20 * MB;
            assertThat(release.check(t += SECOND)).isFalse();
        }
        assertThat(release.check(t += SECOND)).as("1 s quiet").isFalse();
        assertThat(release.check(t += SECOND)).as("2 s quiet").isTrue();
        assertThat(heap.committed).isEqualTo(70 * MB);
        for (int second = 0; second < 30; second++) {
            release.check(t += SECOND);
        }
        assertThat(heap.fullCollections).as("not again while nothing grew").isEqualTo(1);
    }

    @Test
    void neverCollectsWhileCollectionsKeepRunningOrWhenTheHeapHardlyGrew() {
        FakeHeap heap = new FakeHeap();
        IdleHeapRelease release = new IdleHeapRelease(Duration.ofSeconds(2), heap);
        long t = 0;
        for (int second = 0; second < 60; second++) {
            heap.collections++;
            heap.committed += 10 * MB;
            release.check(t += SECOND);
        }
        assertThat(heap.fullCollections).as("busy").isZero();

        FakeHeap small = new FakeHeap();
        IdleHeapRelease quiet = new IdleHeapRelease(Duration.ofSeconds(2), small);
        small.committed += 8 * MB;
        for (int second = 0; second < 10; second++) {
            quiet.check(t += SECOND);
        }
        assertThat(small.fullCollections).as("grew by less than is worth a collection").isZero();
    }

    @Test
    void aLoadThatFillsALargeYoungGenerationWithoutACollectionIsNotIdle() {
        FakeHeap heap = new FakeHeap();
        IdleHeapRelease release = new IdleHeapRelease(Duration.ofSeconds(2), heap);
        long t = 0;
        heap.collections++; // a full collection under load grew the heap and left a young generation of 67 MB,
        heap.committed += 150 * MB;
        release.check(t += SECOND);
        for (int second = 0; second < 4; second++) { // which 16 MB a second take 4 s to fill
            heap.used += 16 * MB;
            assertThat(release.check(t += SECOND)).as("second %d of the load", second).isFalse();
        }
        heap.collections++;
        heap.used -= 50 * MB;
        release.check(t += SECOND);
        assertThat(heap.fullCollections).as("busy all along").isZero();

        for (int second = 0; second < 3; second++) { // then idle: health checks and polls, 100 KB a second
            heap.used += 100 * 1024;
            release.check(t += SECOND);
        }
        assertThat(heap.fullCollections).as("idle for 2 s").isEqualTo(1);
    }

    @Test
    void zeroTurnsItOff() {
        FakeHeap heap = new FakeHeap();
        IdleHeapRelease release = new IdleHeapRelease(Duration.ZERO, heap);
        release.start(null);
        release.stop(null);
        assertThat(heap.fullCollections).isZero();
    }

    @Test
    void theJvmsReleaseCollectsAndGivesTheCollectorItsRatiosBack() {
        HotSpotDiagnosticMXBean options = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String minFree = options.getVMOption("MinHeapFreeRatio").getValue();
        String maxFree = options.getVMOption("MaxHeapFreeRatio").getValue();
        long before = IdleHeapRelease.Heap.JVM.collections();

        IdleHeapRelease.Heap.JVM.collect();

        assertThat(IdleHeapRelease.Heap.JVM.collections()).isGreaterThan(before);
        assertThat(options.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(minFree);
        assertThat(options.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(maxFree);
    }
}
