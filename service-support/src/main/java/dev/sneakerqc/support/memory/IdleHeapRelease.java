package dev.sneakerqc.support.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives the memory a burst of work left in the heap back to the operating system once the service is idle.
 * <p>
 * A load (a backlog caught up, a rebuild, a burst of requests) grows the heap, and the serial collector keeps it
 * that size: it shrinks the heap only in a full collection, which an idle service never has. G1 does this itself
 * with a periodic collection (JEP 346); here the service does the same. When the service has allocated next to
 * nothing (no collection, and less than {@value #IDLE_ALLOCATION_PER_SECOND} bytes a second) for
 * {@code memory.release-after-idle} and the heap has grown since the last release, it asks for one full
 * collection that leaves at most {@value #RELEASE_FREE_RATIO} % of the heap free; with
 * {@code -XX:-ShrinkHeapInSteps} (see the launch options) the rest is returned at once, not over several
 * collections. With 30-50 MB live that collection took 220-320 ms on the 2-core machine of the benchmarks
 * (GC logs of 2026-12-01), once per burst, while the service has nothing else to do. {@code 0} turns it off.
 * <p>
 * "No collection for a while" alone is not idleness: a full collection under load can leave a young generation
 * that takes seconds to fill, and a release then stopped a loaded service for 220-300 ms (GC log of the catalog
 * at 500 stage changes/s, 2026-12-01). Hence the allocation rate as well.
 */
@ApplicationScoped
public class IdleHeapRelease {

    private static final Logger LOG = Logger.getLogger(IdleHeapRelease.class);
    /**
     * The most of the heap left free (%) after a release; the rest goes back to the system. The serial collector
     * sizes the young generation after the old one (half its size), so each MB of free old generation kept costs
     * about 1.5 MB: with 30 MB live, 20 % left about 66 MB committed, against 88 MB at 40 % (measured on JDK 25).
     * A load after a release grows the old generation again as its young collections promote into it.
     */
    static final int RELEASE_FREE_RATIO = 10;
    /** Growth since the last release below which a release is not worth a collection. */
    private static final long WORTH_RELEASING = 16L * 1024 * 1024;
    /**
     * The most a service allocates (bytes a second) and still counts as idle. Idle, the catalog allocates about
     * 65 KB a second and the qc-service about 125 KB (consumer polls, the relay's polls, health checks); 500
     * stage changes a second make the catalog allocate about 16 MB a second.
     */
    static final long IDLE_ALLOCATION_PER_SECOND = 1024L * 1024;

    /** What the release watches and does; the JVM's own in the service, a stand-in in tests. */
    interface Heap {
        /** Collections run so far, of every collector. */
        long collections();

        /** Bytes of heap in use: between two collections it grows by what the service allocated. */
        long used();

        /** Bytes of heap committed. */
        long committed();

        /** A full collection. */
        void collect();

        /** The running JVM's heap. */
        Heap JVM = new Heap() {
            private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

            @Override
            public long collections() {
                long total = 0;
                for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                    total += Math.max(0, collector.getCollectionCount());
                }
                return total;
            }

            @Override
            public long used() {
                return memory.getHeapMemoryUsage().getUsed();
            }

            @Override
            public long committed() {
                return memory.getHeapMemoryUsage().getCommitted();
            }

            /**
             * A full collection that leaves at most {@value #RELEASE_FREE_RATIO} % of the heap free: the
             * collector's {@code MinHeapFreeRatio} and {@code MaxHeapFreeRatio} (manageable options) are lowered
             * for this one collection only, so collections under load keep the default room to grow. The JVM
             * requires min &le; max after each change: min goes down first and back up last.
             */
            @Override
            public void collect() {
                HotSpotDiagnosticMXBean options = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                String minFree = options.getVMOption("MinHeapFreeRatio").getValue();
                String maxFree = options.getVMOption("MaxHeapFreeRatio").getValue();
                String release = Integer.toString(RELEASE_FREE_RATIO);
                boolean lowerMin = Integer.parseInt(minFree) > RELEASE_FREE_RATIO;
                boolean lowerMax = Integer.parseInt(maxFree) > RELEASE_FREE_RATIO;
                try {
                    if (lowerMin) {
                        options.setVMOption("MinHeapFreeRatio", release);
                    }
                    if (lowerMax) {
                        options.setVMOption("MaxHeapFreeRatio", release);
                    }
                    System.gc();
                } finally {
                    if (lowerMax) {
                        options.setVMOption("MaxHeapFreeRatio", maxFree);
                    }
                    if (lowerMin) {
                        options.setVMOption("MinHeapFreeRatio", minFree);
                    }
                }
            }
        };
    }

    private final Duration idle;
    private final Heap heap;
    private ScheduledExecutorService checker;
    private long collections = -1;
    private long used;
    private long lastCheckAt;
    private long lastBusyAt;
    private long committedAfterRelease;

    @Inject
    public IdleHeapRelease(@ConfigProperty(name = "memory.release-after-idle", defaultValue = "2s") Duration idle) {
        this(idle, Heap.JVM);
    }

    IdleHeapRelease(Duration idle, Heap heap) {
        this.idle = idle;
        this.heap = heap;
        this.committedAfterRelease = heap.committed();
    }

    void start(@Observes StartupEvent startup) {
        if (idle.isZero() || idle.isNegative()) {
            return;
        }
        long period = Math.max(100, idle.toMillis() / 2);
        checker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("idle-heap-release").daemon().factory());
        checker.scheduleWithFixedDelay(() -> check(System.nanoTime()), period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /** One look at the heap at {@code now} (nanoseconds); returns whether it released memory. */
    boolean check(long now) {
        try {
            long count = heap.collections();
            long usedNow = heap.used();
            boolean busy = count != collections
                    || usedNow - used > IDLE_ALLOCATION_PER_SECOND * Math.max(0, now - lastCheckAt) / 1_000_000_000L;
            collections = count;
            used = usedNow;
            lastCheckAt = now;
            if (busy) {
                lastBusyAt = now;
                return false;
            }
            long committed = heap.committed();
            if (now - lastBusyAt < idle.toNanos() || committed < committedAfterRelease + WORTH_RELEASING) {
                return false;
            }
            long started = System.nanoTime();
            heap.collect();
            committedAfterRelease = heap.committed();
            collections = heap.collections();
            used = heap.used();
            lastBusyAt = now;
            LOG.debugf("idle: heap released, committed %d MB -> %d MB (in %d ms)", committed >> 20,
                    committedAfterRelease >> 20, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            LOG.debugf(e, "idle heap release skipped");
            return false;
        }
    }
}
