package dev.sneakerqc.bench;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Per-event latencies of the stage changes of some batches, from the two databases (one server, one clock). Each
 * is measured from two starting points:
 * <ul>
 *   <li>the change's time, {@code occurred_at}: taken inside the catalog's writing transaction, before its
 *   statements and its commit;</li>
 *   <li>the catalog's commit, where the server records commit times ({@code track_commit_timestamp}, which the
 *   local stack turns on): the commit time of the transaction that wrote the change's history row
 *   ({@code batch_stage}, written by the same statement as the event and never updated; the outbox row itself is
 *   rewritten when the relay marks it).</li>
 * </ul>
 * and ending at:
 * <ul>
 *   <li>publish: the catalog's {@code outbox_event.published_at}, set by the relay right after Kafka acknowledged
 *   the record;</li>
 *   <li>end to end, from the commit: the commit of the QC transaction that applied the event (its
 *   {@code processed_event} row's), when the change is visible in QC; from the change's time (the measure of the
 *   reports before 2026-12-01 13:00): that row's {@code processed_at} (PostgreSQL's {@code now()}, the start of
 *   that transaction).</li>
 * </ul>
 * Without recorded commit times, the figures from the commit are those from the change's time.
 */
public record EventLatencies(long events, Percentiles endToEnd, Percentiles publish,
                             Percentiles endToEndFromChange, Percentiles publishFromChange) {

    /** The p50 and p99 of one latency, in ms. */
    public record Percentiles(double p50, double p99) {

        static Percentiles of(Histogram micros) {
            return new Percentiles(micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0);
        }

        @Override
        public String toString() {
            return "p50 " + p50 + " ms, p99 " + p99 + " ms";
        }
    }

    /** Whether the server records commit times ({@code track_commit_timestamp}). */
    public static boolean commitTimesRecorded(SystemUnderTest system) {
        try (Connection connection = system.database().connect(system.catalogDatabase());
             PreparedStatement query = connection.prepareStatement("select current_setting('track_commit_timestamp')");
             ResultSet row = query.executeQuery()) {
            return row.next() && "on".equals(row.getString(1));
        } catch (SQLException e) {
            throw new BenchFailure("cannot read the server's settings: " + e.getMessage(), e);
        }
    }

    public static EventLatencies read(SystemUnderTest system, List<String> batchIds, boolean fromCommit) {
        Map<UUID, long[]> catalog = new HashMap<>(); // event id → {occurred, committed, published} in µs
        try (Connection connection = system.database().connect(system.catalogDatabase());
             PreparedStatement query = connection.prepareStatement("""
                     select o.event_id, (extract(epoch from o.occurred_at) * 1000000)::bigint,
                            (extract(epoch from %s) * 1000000)::bigint,
                            (extract(epoch from o.published_at) * 1000000)::bigint
                       from outbox_event o
                       join batch_stage s on s.batch_id = o.aggregate_id::uuid
                                         and s.sequence = o.aggregate_sequence
                      where o.aggregate_id = any (?) and o.event_type = 'BatchStageCompleted'"""
                     .formatted(fromCommit ? "pg_xact_commit_timestamp(s.xmin)" : "null::timestamptz"))) {
            query.setArray(1, connection.createArrayOf("varchar", batchIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long committed = rows.getLong(3);
                    if (fromCommit && rows.wasNull()) {
                        throw new BenchFailure("no commit time for a stage change of the run (the server records"
                                + " them only from its start with track_commit_timestamp on)");
                    }
                    catalog.put(rows.getObject(1, UUID.class),
                            new long[] {rows.getLong(2), committed, rows.getLong(4)});
                }
            }
        } catch (SQLException e) {
            throw new BenchFailure("cannot read the catalog's outbox: " + e.getMessage(), e);
        }
        Histogram endToEnd = new Histogram(3);
        Histogram endToEndFromChange = new Histogram(3);
        Set<UUID> missing = new HashSet<>(catalog.keySet());
        try (Connection connection = system.database().connect(system.qcDatabase());
             PreparedStatement query = connection.prepareStatement("""
                     select event_id, (extract(epoch from processed_at) * 1000000)::bigint,
                            (extract(epoch from %s) * 1000000)::bigint
                       from processed_event where event_id = any (?)"""
                     .formatted(fromCommit ? "pg_xact_commit_timestamp(xmin)" : "null::timestamptz"))) {
            query.setArray(1, connection.createArrayOf("uuid", catalog.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    long[] times = catalog.get(id);
                    endToEndFromChange.recordValue(Math.max(0, rows.getLong(2) - times[0]));
                    long applied = rows.getLong(3);
                    if (fromCommit) {
                        if (rows.wasNull()) {
                            throw new BenchFailure("no commit time for an event QC applied in the run");
                        }
                        endToEnd.recordValue(Math.max(0, applied - times[1]));
                    }
                    missing.remove(id);
                }
            }
        } catch (SQLException e) {
            throw new BenchFailure("cannot read QC's processed events: " + e.getMessage(), e);
        }
        Histogram publish = new Histogram(3);
        Histogram publishFromChange = new Histogram(3);
        for (long[] times : catalog.values()) {
            if (times[2] == 0) {
                throw new BenchFailure("an event of the run was not published");
            }
            publishFromChange.recordValue(Math.max(0, times[2] - times[0]));
            if (fromCommit) {
                publish.recordValue(Math.max(0, times[2] - times[1]));
            }
        }
        if (catalog.isEmpty() || !missing.isEmpty()) {
            throw new BenchFailure(missing.size() + " of " + catalog.size() + " events were not applied by QC");
        }
        Percentiles e2eFromChange = Percentiles.of(endToEndFromChange);
        Percentiles publishedFromChange = Percentiles.of(publishFromChange);
        return new EventLatencies(catalog.size(),
                fromCommit ? Percentiles.of(endToEnd) : e2eFromChange,
                fromCommit ? Percentiles.of(publish) : publishedFromChange, e2eFromChange, publishedFromChange);
    }
}
