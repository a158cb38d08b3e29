package dev.sneakerqc.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@code bench/run}: {@code --name=value} options. */
public record Options(int runs, Duration duration, Duration warmUp, int e2eRate, Duration e2eDuration, long backlog,
                      int threads, Set<String> phases, boolean useRunning, String catalogUrl, String qcUrl,
                      String jdbcUrl, String dbUser, String dbPassword, String kafka, String catalogDb, String qcDb,
                      String qcGroup, String catalogGroup, Path dataDir, Path resultsDir, boolean keepData) {

    /** The phases, in the order they run. */
    public static final List<String> PHASES = List.of("startup", "ingest", "rebuild", "writes", "reads", "e2e",
            "memory");

    /** name → {default, meaning} */
    static final Map<String, String[]> OPTIONS = options();

    private static Map<String, String[]> options() {
        Map<String, String[]> o = new LinkedHashMap<>();
        o.put("runs", new String[] {"3", "measured runs of each figure (at least 3)"});
        o.put("duration", new String[] {"15", "seconds of each wrk and pgbench run"});
        o.put("warmup", new String[] {"60", "seconds of warm-up before the first write and read runs"});
        o.put("e2e-rate", new String[] {"500", "stage changes per second of the end-to-end runs"});
        o.put("e2e-seconds", new String[] {"20", "seconds of each end-to-end run"});
        o.put("backlog", new String[] {"200000", "production events in the ingest backlog"});
        o.put("threads", new String[] {"2", "wrk and pgbench threads (-t / -j)"});
        o.put("only", new String[] {String.join(",", PHASES), "phases to run, comma-separated"});
        o.put("use-running", new String[] {"false", "measure a running system instead of starting a local stack"});
        o.put("catalog-url", new String[] {"http://localhost:8081", "with --use-running: catalog-service"});
        o.put("qc-url", new String[] {"http://localhost:8082", "with --use-running: qc-service"});
        o.put("jdbc-url", new String[] {"jdbc:postgresql://127.0.0.1:5432/postgres",
                "with --use-running: the PostgreSQL server of both services"});
        o.put("db-user", new String[] {"postgres", "with --use-running: a user that may create databases"});
        o.put("db-password", new String[] {"postgres", "with --use-running: its password"});
        o.put("kafka", new String[] {"127.0.0.1:9092", "with --use-running: Kafka bootstrap servers"});
        o.put("catalog-db", new String[] {"catalog", "with --use-running: the catalog's database"});
        o.put("qc-db", new String[] {"qc", "with --use-running: QC's database"});
        o.put("qc-group", new String[] {"qc-service", "QC's consumer group on production-events"});
        o.put("catalog-group", new String[] {"catalog-service", "the catalog's consumer group on qc-events"});
        o.put("data-dir", new String[] {"", "the local stack's data folder (default: a new temporary folder)"});
        o.put("results-dir", new String[] {"bench/results", "where the JSON reports go (relative to the checkout)"});
        o.put("keep-data", new String[] {"false", "keep the local stack's data folder afterwards"});
        return o;
    }

    public static Options parse(String[] args, Path projectDir) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + " (see --help)");
            }
            String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true";
            if (!OPTIONS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
            given.put(name, value);
        }
        java.util.function.Function<String, String> value = name -> given.getOrDefault(name, OPTIONS.get(name)[0]);
        int runs = positive(value, "runs");
        if (runs < 3) {
            throw new IllegalArgumentException("--runs must be at least 3: each figure is the median of 3 runs or more");
        }
        Set<String> phases = new LinkedHashSet<>();
        for (String phase : value.apply("only").split(",")) {
            if (!PHASES.contains(phase.strip())) {
                throw new IllegalArgumentException("unknown phase '" + phase + "' in --only; phases: " + PHASES);
            }
            phases.add(phase.strip());
        }
        String dataDir = value.apply("data-dir");
        Path results = Path.of(value.apply("results-dir"));
        return new Options(runs, Duration.ofSeconds(positive(value, "duration")),
                Duration.ofSeconds(Integer.parseInt(value.apply("warmup"))), positive(value, "e2e-rate"),
                Duration.ofSeconds(positive(value, "e2e-seconds")), positive(value, "backlog"),
                positive(value, "threads"), phases, Boolean.parseBoolean(value.apply("use-running")),
                value.apply("catalog-url"), value.apply("qc-url"), value.apply("jdbc-url"), value.apply("db-user"),
                value.apply("db-password"), value.apply("kafka"), value.apply("catalog-db"), value.apply("qc-db"),
                value.apply("qc-group"), value.apply("catalog-group"),
                dataDir.isBlank() ? null : Path.of(dataDir).toAbsolutePath(),
                results.isAbsolute() ? results : projectDir.resolve(results),
                Boolean.parseBoolean(value.apply("keep-data")));
    }

    private static int positive(java.util.function.Function<String, String> value, String name) {
        try {
            int number = Integer.parseInt(value.apply(name));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, not " + value.apply(name));
    }

    /** Whether these phases are all of them: such a run's report is the latest full one. */
    public static boolean everyPhase(Collection<String> phases) {
        return phases.containsAll(PHASES);
    }

    public boolean runs(String phase) {
        return phases.contains(phase);
    }

    static String usage() {
        StringBuilder out = new StringBuilder("""
                Usage: bench/run [--option=value ...]

                Starts a local stack (fresh temporary data folder, free ports, no demo data), or uses a running
                system with --use-running, measures the figures of the benchmark suite, prints a table and writes
                bench/results/<time>.json and bench/results/latest.json (a run of some phases only:
                bench/results/partial/<time>-<phases>.json). Needs wrk and pgbench on the PATH.

                Options:
                """);
        OPTIONS.forEach((name, option) -> out.append(String.format("  --%-14s %s%s%n", name + "=", option[1],
                option[0].isEmpty() ? "" : " (default " + option[0] + ")")));
        return out.toString();
    }
}
