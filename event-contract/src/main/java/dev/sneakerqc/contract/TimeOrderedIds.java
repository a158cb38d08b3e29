package dev.sneakerqc.contract;

import java.util.UUID;

/**
 * Ids that sort by creation time: UUID version 7 (RFC 9562), the Unix time in milliseconds in the first 48 bits,
 * then 74 random bits from {@link UUID#randomUUID()}'s secure generator. Event ids and batch ids are made here.
 *
 * <p>Why: both services keep a unique index on event ids (the outbox's {@code event_id}, the consumer's
 * {@code processed_event}) and primary keys on batch ids. A random id lands on any page of such an index, so a
 * table of millions of rows dirties (and after each checkpoint logs in full) a page per insert, and the lookup of
 * a poll's event ids reads pages from all over the index; time-ordered ids go to the few rightmost pages. Measured
 * with PostgreSQL 18 on 1.3 million rows of {@code processed_event}: 300,000 inserts took 6.0 s with random ids,
 * 3.5 s with time-ordered ones. Consumers must not read any meaning into the order: ids made in the same
 * millisecond, or on machines whose clocks differ, are in no particular order.
 */
public final class TimeOrderedIds {

    private static final long VERSION_7 = 0x7000L;

    private TimeOrderedIds() {
    }

    /** A new id, time-ordered by the current time. */
    public static UUID next() {
        return at(System.currentTimeMillis(), UUID.randomUUID());
    }

    /** The id of {@code unixMillis} with the random bits of {@code random} (a version 4 UUID). */
    static UUID at(long unixMillis, UUID random) {
        long high = (unixMillis << 16) | VERSION_7 | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits()); // keeps version 4's variant bits, the same as 7's
    }
}
