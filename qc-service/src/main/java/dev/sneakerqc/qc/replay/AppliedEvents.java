package dev.sneakerqc.qc.replay;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The events a replay applied, in the order applied: each one's id and where it was read (partition, offset).
 * A rebuild holds one entry per event of the whole history, so the entries live in primitive arrays, about 40
 * bytes each, instead of a row object, a {@link UUID} and a hash-set node (about 150 bytes). An open-addressing
 * index over the arrays answers whether an id was applied before.
 */
final class AppliedEvents implements Iterable<AppliedEvents.Entry> {

    /** One applied event. */
    record Entry(UUID eventId, int partition, long offset) {
    }

    private static final int INITIAL_CAPACITY = 1024;

    private long[] mostSignificant = new long[INITIAL_CAPACITY];
    private long[] leastSignificant = new long[INITIAL_CAPACITY];
    private int[] partitions = new int[INITIAL_CAPACITY];
    private long[] offsets = new long[INITIAL_CAPACITY];
    private int size;
    /** Positions + 1 of the entries by hash of their id; 0 is a free slot. Never more than half full. */
    private int[] slots = new int[INITIAL_CAPACITY * 2];

    /** Adds an event unless its id was added before; returns whether it was added. */
    boolean add(UUID eventId, int partition, long offset) {
        long most = eventId.getMostSignificantBits();
        long least = eventId.getLeastSignificantBits();
        int mask = slots.length - 1;
        for (int slot = hash(most, least) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                break;
            }
            if (mostSignificant[entry - 1] == most && leastSignificant[entry - 1] == least) {
                return false;
            }
        }
        if (size == mostSignificant.length) {
            int capacity = size * 2;
            mostSignificant = Arrays.copyOf(mostSignificant, capacity);
            leastSignificant = Arrays.copyOf(leastSignificant, capacity);
            partitions = Arrays.copyOf(partitions, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
        }
        mostSignificant[size] = most;
        leastSignificant[size] = least;
        partitions[size] = partition;
        offsets[size] = offset;
        size++;
        if (size * 2 > slots.length) {
            slots = new int[slots.length * 2];
            for (int position = 0; position < size; position++) {
                index(position);
            }
        } else {
            index(size - 1);
        }
        return true;
    }

    int size() {
        return size;
    }

    @Override
    public Iterator<Entry> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Entry next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                int position = next++;
                return new Entry(new UUID(mostSignificant[position], leastSignificant[position]),
                        partitions[position], offsets[position]);
            }
        };
    }

    private void index(int position) {
        int mask = slots.length - 1;
        int slot = hash(mostSignificant[position], leastSignificant[position]) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = position + 1;
    }

    /** Random UUIDs are random already; the mix spreads ids that differ in few bits (time-based ones) too. */
    private static int hash(long most, long least) {
        long mixed = (most ^ Long.rotateLeft(least, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32));
    }
}
