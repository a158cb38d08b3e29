package dev.sneakerqc.qc.replay;

import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.support.persistence.JsonColumnTexts;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The QC read-model tables: created empty in a schema of their own ({@code qc_rebuild}) with the structure of the
 * live ones, bulk-loaded with COPY, and swapped in for the live ones in one transaction.
 */
final class ReadModelTables {

    static final String REBUILD_SCHEMA = "qc_rebuild";
    private static final int COPY_CHUNK_CHARS = 64 * 1024;
    static final String RETIRED_SCHEMA = "qc_retired";
    /** The consumer's record of the production events applied. */
    private static final String APPLIED_EVENTS = "processed_event";
    static final List<String> TABLES = List.of("qc_batch", "inspection", "test_result", "test_result_audit",
            "switching_stream", "switching_state", "stream_lot", "corrective_action", APPLIED_EVENTS);

    private ReadModelTables() {
    }

    /**
     * Creates empty copies of the live tables: columns, defaults, checks and identities now; keys and indexes are
     * added after the bulk load, which is faster than keeping them up to date.
     */
    static void createRebuildTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + REBUILD_SCHEMA + " cascade");
            statement.execute("create schema " + REBUILD_SCHEMA);
            for (String table : TABLES) {
                statement.execute("create table " + REBUILD_SCHEMA + "." + table + " (like public." + table
                        + " including all excluding indexes)");
            }
        }
    }

    /** Gives loaded rebuild tables the keys and indexes of the live ones, under the same names. */
    private static void indexRebuildTables(Connection connection, List<String> tables) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement constraints = connection.prepareStatement("""
                     select c.conname, pg_get_constraintdef(c.oid) from pg_constraint c
                      where c.conrelid = ('public.' || ?)::regclass and c.contype in ('p', 'u')""");
             PreparedStatement indexes = connection.prepareStatement("""
                     select i.indexdef from pg_indexes i
                      where i.schemaname = 'public' and i.tablename = ?
                        and not exists (select 1 from pg_constraint c
                                         where c.conrelid = ('public.' || ?)::regclass and c.conname = i.indexname)""")) {
            for (String table : tables) {
                constraints.setString(1, table);
                try (ResultSet rows = constraints.executeQuery()) {
                    while (rows.next()) {
                        statements.add("alter table " + REBUILD_SCHEMA + "." + table + " add constraint "
                                + rows.getString(1) + " " + rows.getString(2));
                    }
                }
                indexes.setString(1, table);
                indexes.setString(2, table);
                try (ResultSet rows = indexes.executeQuery()) {
                    while (rows.next()) {
                        statements.add(rows.getString(1).replace(" ON public." + table + " ",
                                " ON " + REBUILD_SCHEMA + "." + table + " "));
                    }
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Loads the rebuilt state but the applied events into the rebuild tables, then gives them their keys and
     * indexes. Runs beside {@link #loadAppliedEvents}, on another connection: the two halves take about as long.
     */
    static void loadState(Connection connection, ReplayModel model) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        loadBatchTables(copy, REBUILD_SCHEMA, model);
        loadStreams(copy, REBUILD_SCHEMA, model);
        indexRebuildTables(connection, TABLES.stream().filter(table -> !table.equals(APPLIED_EVENTS)).toList());
    }

    /** Loads the applied events (one row per production event of the history) into their rebuild table, indexed. */
    static void loadAppliedEvents(Connection connection, ReplayModel model) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Instant now = Instant.now();
        copy(copy, REBUILD_SCHEMA, APPLIED_EVENTS, "event_id, topic, kafka_partition, kafka_offset, processed_at",
                model.processed, row -> line(row.eventId(), Topics.PRODUCTION_EVENTS, row.partition(), row.offset(),
                        now));
        indexRebuildTables(connection, List.of(APPLIED_EVENTS));
    }

    /** Loads the batch tables of a one-batch model into the live tables. */
    static void loadBatch(Connection connection, ReplayModel model) throws SQLException {
        loadBatchTables(connection.unwrap(PGConnection.class).getCopyAPI(), "public", model);
    }

    private static void loadBatchTables(CopyManager copy, String schema, ReplayModel model)
            throws SQLException {
        JsonColumnTexts written = JsonColumnTexts.perInstance(); // the model shares its profiles and plans
        copy(copy, schema, "qc_batch", "batch_id, batch_number, style_code, factory_code, line, quantity, stage, "
                + "last_production_sequence, planned_at, updated_at", model.batches.values(), row -> line(
                row.batchId, row.batchNumber, row.styleCode, row.factoryCode, row.line, row.quantity, row.stage,
                row.lastProductionSequence, row.plannedAt, row.updatedAt));
        copy(copy, schema, "inspection", "batch_id, status, profile, plans, sample_pairs, verdict, awaiting_reason, "
                + "profile_attempts, next_profile_attempt_at, finished_at, opened_at, decided_at, last_event_sequence, "
                + "version", model.inspections.values(), row -> line(row.batchId, row.status, written.json(row.profile),
                written.json(row.plans), row.samplePairs, row.verdict, row.awaitingReason, 0, null, row.finishedAt,
                row.openedAt, row.decidedAt, row.lastEventSequence, 0));
        copy(copy, schema, "test_result", "batch_id, sample_unit, method, defect_class, value, passed, technician, "
                + "equipment_id, recorded_at, corrections", model.results.values(), row -> line(row.batchId,
                row.sampleUnit, row.method, row.defectClass, row.value, row.passed, row.technician, row.equipmentId,
                row.recordedAt, row.corrections));
        copy(copy, schema, "test_result_audit", "batch_id, sample_unit, method, value, passed, technician, "
                + "equipment_id, recorded_at, correction, reason, replaced_value", model.audit, row -> line(
                row.batchId(), row.sampleUnit(), row.method(), row.value(), row.passed(), row.technician(),
                row.equipmentId(), row.recordedAt(), row.correction(), row.reason(), row.replacedValue()));
    }

    private static void loadStreams(CopyManager copy, String schema, ReplayModel model) throws SQLException {
        copy(copy, schema, "switching_stream", "factory_code, line, last_event_sequence",
                model.streams.entrySet(), entry -> line(entry.getKey().factoryCode(), entry.getKey().line(),
                        entry.getValue()));
        copy(copy, schema, "switching_state", "factory_code, line, defect_class, severity, recent_on_normal, "
                + "consecutive_accepted, not_accepted_on_tightened, discontinued, updated_at", model.states.values(),
                row -> line(row.key().factoryCode(), row.key().line(), row.key().defectClass(),
                        row.state().severity(), row.state().recentOnNormal(), row.state().consecutiveAccepted(),
                        row.state().notAcceptedOnTightened(), row.state().discontinued(), row.updatedAt()));
        copy(copy, schema, "stream_lot", "factory_code, line, defect_class, batch_id, batch_number, severity, "
                + "accepted, nonconforming, decided_at", model.lots, row -> line(row.factoryCode(), row.line(),
                row.defectClass(), row.batchId(), row.batchNumber(), row.severity(), row.accepted(),
                row.nonconforming(), row.decidedAt()));
        copy(copy, schema, "corrective_action", "factory_code, line, description, recorded_by, recorded_at",
                model.correctiveActions, row -> line(row.factoryCode(), row.line(), row.description(), row.by(),
                        row.recordedAt()));
    }

    /**
     * Puts the rebuilt tables in place of the live ones; in the caller's transaction, so readers see either the
     * old state or the new, never a mix.
     */
    static void swap(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + RETIRED_SCHEMA + " cascade");
            statement.execute("create schema " + RETIRED_SCHEMA);
            for (String table : TABLES) {
                statement.execute("alter table public." + table + " set schema " + RETIRED_SCHEMA);
            }
            for (String table : TABLES) {
                statement.execute("alter table " + REBUILD_SCHEMA + "." + table + " set schema public");
            }
        }
    }

    /** Drops what a replay left behind: the retired tables, an unfinished rebuild. */
    static void dropLeftovers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + RETIRED_SCHEMA + " cascade");
            statement.execute("drop schema if exists " + REBUILD_SCHEMA + " cascade");
        }
    }

    /**
     * Streams rows to a COPY in chunks of {@value #COPY_CHUNK_CHARS} characters: a table of the whole history is
     * never held as one text besides the model.
     */
    private static <T> void copy(CopyManager copy, String schema, String table, String columns, Iterable<T> rows,
                                 Function<T, String> toLine) throws SQLException {
        CopyIn in = copy.copyIn("copy " + schema + "." + table + " (" + columns + ") from stdin");
        try {
            StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 1024);
            for (T row : rows) {
                chunk.append(toLine.apply(row)).append('\n');
                if (chunk.length() >= COPY_CHUNK_CHARS) {
                    write(in, chunk);
                }
            }
            write(in, chunk);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void write(CopyIn in, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** A row in COPY's text format. */
    private static String line(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                line.append("\\N");
            } else if (value instanceof java.math.BigDecimal decimal) {
                line.append(decimal.toPlainString());
            } else {
                escape(line, value.toString());
            }
        }
        return line.toString();
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
