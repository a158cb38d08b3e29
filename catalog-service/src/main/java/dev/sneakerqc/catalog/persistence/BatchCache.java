package dev.sneakerqc.catalog.persistence;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Batches as {@code GET /api/batches/{id}} last answered them (the response body, in whatever form its reader
 * offers it), each with the sequence of the last change it shows, so that reading a batch that has not changed
 * needs no database round trip.
 *
 * <p>What keeps it true:
 * <ul>
 *   <li>A committed change of a batch is announced with its sequence ({@link #changed}): by this instance once
 *   its transaction has committed, and by the {@code production-events} feed for the changes of every instance.
 *   An entry showing an earlier change goes.</li>
 *   <li>A read from the database is offered with a stamp taken before it ({@link #stamp}). A change of the batch
 *   announced in between refuses it, as the read may show the batch before that change. Stamps are kept per
 *   stripe of batch ids, not per batch, so that changes of batches not held leave nothing behind; a change of
 *   another batch of the same stripe refuses a read now and then, which costs nothing but a later miss.</li>
 *   <li>Entries are served only while the feed vouches for them ({@link #serveUntil}). When it cannot (the broker
 *   out of reach, the feed behind, events waiting in the outbox for too long), every entry is dropped
 *   ({@link #suspend}) and reads go to the database until the feed vouches again.</li>
 * </ul>
 * At most {@code maxEntries} batches are held; when it is full, batches not held are not cached.
 */
public class BatchCache {

    private static final int STRIPES = 1024;

    /** A batch's response body as of change {@code sequence}. */
    private record Entry(long sequence, byte[] body) {
    }

    private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private volatile long servingUntil;
    private volatile boolean serving;

    /**
     * @param maxEntries the most batches held
     * @param nanoTime   the clock of {@link #serveUntil}, {@link System#nanoTime} but in tests
     */
    public BatchCache(int maxEntries, LongSupplier nanoTime) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** The batch's response body, or null when it must be read from the database. */
    public byte[] get(UUID id) {
        if (!isServing()) {
            return null;
        }
        Entry entry = entries.get(id);
        return entry == null ? null : entry.body();
    }

    /** Whether entries are served now: the feed vouched for them recently enough. */
    public boolean isServing() {
        return serving && nanoTime.getAsLong() - servingUntil < 0;
    }

    /** To be taken before reading the batch from the database, and given with the result to {@link #offer}. */
    public long stamp(UUID id) {
        return stamps.get(stripe(id));
    }

    /**
     * Offers a batch just read from the database: its response body and the sequence of the last change it shows.
     * It is kept unless the batch (or another of its stripe) was announced changed since {@code stamp}, a later
     * change is held, or there is no room.
     */
    public void offer(UUID id, long sequence, byte[] body, long stamp) {
        int stripe = stripe(id);
        if (!isServing() || stamps.get(stripe) != stamp || (entries.size() >= maxEntries && !entries.containsKey(id))) {
            return;
        }
        Entry offered = new Entry(sequence, body);
        Entry kept = entries.compute(id, (key, held) -> held == null || held.sequence() < sequence ? offered : held);
        if (kept == offered && stamps.get(stripe) != stamp) {
            // A change announced while it went in may have missed it: it may show the batch before that change.
            entries.remove(id, offered);
        }
    }

    /** Change {@code sequence} of the batch was committed: no read showing an earlier one is served again. */
    public void changed(UUID id, long sequence) {
        stamps.incrementAndGet(stripe(id));
        entries.computeIfPresent(id, (key, held) -> held.sequence() < sequence ? null : held);
    }

    /** The batch changed, at a sequence not known: its entry goes, and reads of it in flight are refused. */
    public void forget(UUID id) {
        stamps.incrementAndGet(stripe(id));
        entries.remove(id);
    }

    /** The feed vouches for the entries until {@code untilNanos}, on the clock given to the constructor. */
    public void serveUntil(long untilNanos) {
        servingUntil = untilNanos;
        serving = true;
    }

    /** Drops every entry, refuses every read in flight, and serves none until the feed vouches again. */
    public void suspend() {
        serving = false;
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            stamps.incrementAndGet(stripe);
        }
        entries.clear();
    }

    /** Batches held. */
    public int size() {
        return entries.size();
    }

    private static int stripe(UUID id) {
        long bits = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
        int hash = (int) (bits ^ (bits >>> 32));
        return (hash ^ (hash >>> 16)) & (STRIPES - 1);
    }
}
