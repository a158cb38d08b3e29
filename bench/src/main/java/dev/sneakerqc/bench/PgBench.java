package dev.sneakerqc.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's ceiling for stage changes: {@code pgbench} running the catalog's stage-change transaction
 * ({@code stage-change.sql}) against a scratch database with the catalog's schema, on the same PostgreSQL server,
 * at the same concurrency and for as long as the service was measured.
 */
public final class PgBench {

    /**
     * What pgbench measured.
     *
     * @param transactions      transactions completed
     * @param tps               pgbench's tps (without the initial connection time)
     * @param p50Millis         latency percentiles from pgbench's per-transaction log
     * @param p99Millis         .
     */
    public record Result(long transactions, double tps, double p50Millis, double p99Millis) {
    }

    static final String DATABASE = "bench_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private final Database database;
    private final Path projectDir;
    private final Path work;
    private long nextKey = 1;

    public PgBench(Database database, Path projectDir, Path work) {
        this.database = database;
        this.projectDir = projectDir;
        this.work = work;
    }

    public static void requireInstalled() {
        Tools.require("pgbench", "--version", "the PostgreSQL client programs (apt-get install postgresql-client)");
    }

    /** Creates the scratch database with the catalog's schema, from its Flyway migrations, and its reference rows. */
    public void prepare() {
        database.recreate(DATABASE);
        Path migrations = projectDir.resolve("catalog-service/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(migrations); Connection connection = database.connect(DATABASE);
             Statement statement = connection.createStatement()) {
            List<Path> scripts = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(PgBench::version)).toList();
            if (scripts.isEmpty()) {
                throw new BenchFailure("no catalog migrations in " + migrations);
            }
            for (Path script : scripts) {
                statement.execute(Files.readString(script));
            }
            statement.execute("""
                    create function bench_uuid(k bigint) returns uuid language sql immutable parallel safe
                        as $$ select ('00000000-0000-4000-8000-' || lpad(to_hex(k), 12, '0'))::uuid $$;
                    insert into factory values ('BEN', 'Bench factory', 'Lawrence', 'MA', 'US', now());
                    insert into sneaker_model values ('BENCH990', 'Bench 990', '990', 'RUNNING', now(), now(), 0);
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog's migrations in " + migrations, e);
        } catch (SQLException e) {
            throw new BenchFailure("cannot prepare the pgbench database: " + e.getMessage(), e);
        }
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /**
     * Seeds {@code batches} planned batches (keys never used before) and runs pgbench on them with {@code clients}
     * clients and {@code threads} threads for {@code duration}.
     */
    public Result run(int clients, int threads, Duration duration, int batches) {
        long base = nextKey;
        nextKey += batches;
        database.execute(DATABASE, """
                insert into batch (id, batch_number, style_code, factory_code, quantity, status, stage, label_status,
                                   label_policy, label_reason, domestic_value_share, planned_at, updated_at,
                                   last_event_sequence, version)
                select bench_uuid(k), 'PGB-' || lpad(k::text, 10, '0'), 'BENCH990', 'BEN', 500, 'PLANNED', null,
                       'MADE_IN_USA', 'NB_70',
                       'factory BEN is in the US and domestic value share 0.8000 is at least 0.70 (NB_70)', 0.8000,
                       now(), now(), 1, 0
                  from generate_series(%1$d, %2$d) k;
                insert into batch_material_lot (batch_id, position, component, supplier_lot_number)
                select bench_uuid(k), 0, 'OUTSOLE', 'VIB-' || k from generate_series(%1$d, %2$d) k;
                analyze batch, batch_material_lot;
                checkpoint;
                """.formatted(base, base + batches - 1));
        long eventsBefore = database.number(DATABASE, "select count(*) from outbox_event");
        try {
            Path runDir = Files.createTempDirectory(work, "pgbench-");
            Path script = runDir.resolve("stage-change.sql");
            try (InputStream in = PgBench.class.getResourceAsStream("stage-change.sql")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of("pgbench", "-h", database.host(),
                    "-p", Integer.toString(database.port()), "-U", database.user(), "-n", "-M", "prepared",
                    "-c", Integer.toString(clients), "-j", Integer.toString(threads),
                    "-T", Long.toString(duration.toSeconds()), "-f", script.toString(),
                    "-D", "n=0", "-D", "clients=" + clients, "-D", "batches=" + batches, "-D", "base=" + base,
                    "-l", "--log-prefix=" + runDir.resolve("txlog"), DATABASE));
            ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", database.password());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String reason = output.lines().filter(line -> line.contains("error")).findFirst().orElse("");
                throw new BenchFailure("pgbench failed: " + reason + "\n" + String.join(" ", command) + "\n" + output);
            }
            Result result = parse(output, latencies(runDir));
            long written = database.number(DATABASE, "select count(*) from outbox_event") - eventsBefore;
            if (written < result.transactions()) {
                throw new BenchFailure("pgbench ran " + result.transactions() + " stage changes but only " + written
                        + " wrote their event: the script's change did not find its batch as it expected");
            }
            Files.walk(runDir).sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run pgbench", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while running pgbench");
        }
    }

    /** pgbench's per-transaction logs ({@code client transaction_no time_us script epoch epoch_us}). */
    private static Histogram latencies(Path runDir) throws IOException {
        Histogram histogram = new Histogram(3);
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("txlog")).toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    lines.forEach(line -> {
                        String[] fields = line.split(" ");
                        if (fields.length >= 3) {
                            histogram.recordValue(Math.max(1, Long.parseLong(fields[2])));
                        }
                    });
                }
            }
        }
        return histogram;
    }

    static Result parse(String output, Histogram latenciesMicros) {
        Matcher tps = TPS.matcher(output);
        Matcher processed = PROCESSED.matcher(output);
        if (!tps.find() || !processed.find()) {
            throw new BenchFailure("unreadable pgbench output:\n" + output);
        }
        Matcher failed = FAILED.matcher(output);
        if (failed.find() && Long.parseLong(failed.group(1)) > 0) {
            throw new BenchFailure("pgbench had failed transactions:\n" + output);
        }
        return new Result(Long.parseLong(processed.group(1)), Double.parseDouble(tps.group(1)),
                latenciesMicros.getValueAtPercentile(50) / 1000.0, latenciesMicros.getValueAtPercentile(99) / 1000.0);
    }
}
