package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.MaterialLotLine;
import dev.sneakerqc.contract.production.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Batches in production as this instance's last stage change of each left them, so that a batch's next stage
 * change needs no read from the database.
 *
 * <p>Nothing here has to be current for a change to be right: a change made on a held batch is written only if
 * the batch is still at the held change ({@code last_event_sequence}, which every change of a batch advances), and
 * when it is not, the change is made from the batch read locked, as for a batch not held. A held batch that is out
 * of date costs one statement that writes nothing. To keep that rare, a change announced on
 * {@code production-events} with a later sequence (made through another instance) lets the batch go; the feed
 * announcing it runs with the batch cache ({@code catalog.batch-cache.enabled}).
 *
 * <p>At most {@code maxEntries} batches are held; past that the batch changed longest ago goes. A batch that takes
 * no more stages is not held. What many batches have alike (the model's and factory's codes, the label decision,
 * material lot lines) is held once: a batch read from the database brings its own copies of them.
 */
public class ChangedBatches {

    /** The most distinct shared values kept; past it they are let go and sharing starts over. */
    private static final int MAX_SHARED = 4096;

    private final int maxEntries;
    private final Map<UUID, BatchSnapshot> held;
    private final Map<Object, Object> shared = new HashMap<>();

    /** @param maxEntries the most batches held; 0 holds none */
    public ChangedBatches(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.held = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, BatchSnapshot> eldest) {
                return size() > ChangedBatches.this.maxEntries;
            }
        };
    }

    /** The batch as this instance's last change of it left it, if held. */
    public synchronized Optional<BatchSnapshot> find(UUID id) {
        return Optional.ofNullable(held.get(id));
    }

    /** Holds the batch as a committed stage change left it (as the newest), unless it takes no more stages. */
    public synchronized void changed(BatchSnapshot after) {
        held.remove(after.id());
        if (after.nextStage() != null && maxEntries > 0) {
            held.put(after.id(), sharing(after));
        }
    }

    /** A change of the batch with this sequence was committed: a batch held as of an earlier change goes. */
    public synchronized void changed(UUID id, long sequence) {
        BatchSnapshot batch = held.get(id);
        if (batch != null && batch.lastEventSequence() < sequence) {
            held.remove(id);
        }
    }

    /** Lets the batch go. */
    public synchronized void forget(UUID id) {
        held.remove(id);
    }

    /** The batch with what it has alike with other held batches held once. */
    private BatchSnapshot sharing(BatchSnapshot batch) {
        List<MaterialLotLine> lots = new ArrayList<>(batch.materialLots().size());
        batch.materialLots().forEach(lot -> lots.add(shared(new Lot(lot.component(), lot.supplierLotNumber()), lot)));
        return new BatchSnapshot(batch.id(), batch.batchNumber(), shared(batch.styleCode()),
                shared(batch.factoryCode()), batch.quantity(), batch.status(), batch.stage(), batch.nextStage(),
                shared(batch.label()), shared(List.copyOf(lots)), batch.plannedAt(), batch.updatedAt(),
                batch.lastEventSequence());
    }

    private <T> T shared(T value) {
        return value == null ? null : shared(value, value);
    }

    /** The value held for {@code key}, or {@code value}, now held for it. */
    @SuppressWarnings("unchecked")
    private <T> T shared(Object key, T value) {
        Object known = shared.putIfAbsent(key, value);
        if (known != null) {
            return (T) known;
        }
        if (shared.size() > MAX_SHARED) {
            shared.clear();
        }
        return value;
    }

    /** A material lot line's identity (the line itself has none). */
    private record Lot(Component component, String supplierLotNumber) {
    }

    public synchronized int size() {
        return held.size();
    }
}
