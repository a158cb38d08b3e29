package dev.sneakerqc.bench;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-event latencies of the stage changes of some batches, from the two databases (one server, one clock):
 * <ul>
 *   <li>publish: the catalog's {@code outbox_event.published_at} (set by the relay right after Kafka acknowledged
 *   the record) − {@code occurred_at} (the change's time, taken inside the writing transaction, before commit);</li>
 *   <li>end to end: QC's {@code processed_event.processed_at} (PostgreSQL's {@code now()}: the start of the QC
 *   transaction that applies the event) − {@code occurred_at}.</li>
 * </ul>
 */
public record EventLatencies(long events, double endToEndP50, double endToEndP99, double publishP50,
                             double publishP99) {

    public static EventLatencies read(SystemUnderTest system, List<String> batchIds) {
        Map<UUID, long[]> catalog = new HashMap<>(); // event id → {occurred µs, published µs}
        try (Connection connection = system.database().connect(system.catalogDatabase());
             PreparedStatement query = connection.prepareStatement("""
                     select event_id, (extract(epoch from occurred_at) * 1000000)::bigint,
                            (extract(epoch from published_at) * 1000000)::bigint
                       from outbox_event
                      where aggregate_id = any (?) and event_type = 'BatchStageCompleted'""")) {
            query.setArray(1, connection.createArrayOf("varchar", batchIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    catalog.put(rows.getObject(1, UUID.class), new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
        } catch (SQLException e) {
            throw new BenchFailure("cannot read the catalog's outbox: " + e.getMessage(), e);
        }
        Histogram endToEnd = new Histogram(3);
        Histogram publish = new Histogram(3);
        java.util.Set<UUID> missing = new java.util.HashSet<>(catalog.keySet());
        try (Connection connection = system.database().connect(system.qcDatabase());
             PreparedStatement query = connection.prepareStatement("""
                     select event_id, (extract(epoch from processed_at) * 1000000)::bigint
                       from processed_event where event_id = any (?)""")) {
            query.setArray(1, connection.createArrayOf("uuid", catalog.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    long[] times = catalog.get(id);
                    endToEnd.recordValue(Math.max(0, rows.getLong(2) - times[0]));
                    missing.remove(id);
                }
            }
        } catch (SQLException e) {
            throw new BenchFailure("cannot read QC's processed events: " + e.getMessage(), e);
        }
        for (long[] times : catalog.values()) {
            if (times[1] == 0) {
                throw new BenchFailure("an event of the run was not published");
            }
            publish.recordValue(Math.max(0, times[1] - times[0]));
        }
        if (catalog.isEmpty() || !missing.isEmpty()) {
            throw new BenchFailure(missing.size() + " of " + catalog.size() + " events were not applied by QC");
        }
        return new EventLatencies(catalog.size(), endToEnd.getValueAtPercentile(50) / 1000.0,
                endToEnd.getValueAtPercentile(99) / 1000.0, publish.getValueAtPercentile(50) / 1000.0,
                publish.getValueAtPercentile(99) / 1000.0);
    }
}
