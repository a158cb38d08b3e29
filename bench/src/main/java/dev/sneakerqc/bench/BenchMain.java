package dev.sneakerqc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** {@code bench/run [--option=value ...]}: the benchmark suite, one command, one report. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        Path projectDir = Path.of(System.getProperty("bench.project-dir", ".")).toAbsolutePath().normalize();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                System.out.print(Options.usage());
                return;
            }
        }
        Options options;
        try {
            options = Options.parse(args, projectDir);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, projectDir, java.util.Arrays.stream(args)
                .map(arg -> arg.startsWith("--db-password=") ? "--db-password=…" : arg).toList()));
    }

    static int run(Options options, Path projectDir, java.util.List<String> arguments) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("sneakerqc-bench-");
            // PostgreSQL runs as 'nobody' when the bench runs as root: it must be able to reach its data folder.
            if (scratch.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(scratch, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rwxr-xr-x"));
            }
        } catch (IOException e) {
            System.err.println("cannot create a temporary folder: " + e);
            return 1;
        }
        Path dataDir = options.dataDir() != null ? options.dataDir() : scratch.resolve("stack");
        Report report = new Report();
        report.environment("cores", Runtime.getRuntime().availableProcessors())
                .environment("java", Runtime.version().toString())
                .environment("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .environment("arguments", arguments);
        SystemUnderTest system;
        try {
            if (options.useRunning()) {
                system = SystemUnderTest.running(options.catalogUrl(), options.qcUrl(), options.kafka(),
                        Database.of(options.jdbcUrl(), options.dbUser(), options.dbPassword()), options.catalogDb(),
                        options.qcDb(), projectDir, scratch.resolve("logs"));
            } else {
                System.out.println("Starting a local stack for the benchmark in " + dataDir);
                system = SystemUnderTest.startLocalStack(projectDir, dataDir);
            }
        } catch (RuntimeException e) {
            System.err.println("Cannot start or reach the system under test: " + e.getMessage());
            return 1;
        }
        report.environment("system", options.useRunning() ? "running system" : "local stack started by the bench")
                .environment("catalogUrl", system.catalogUrl()).environment("qcUrl", system.qcUrl());
        Bench bench = new Bench(options, system, report, scratch);
        Thread hook = new Thread(() -> {
            bench.stopExtraServices();
            system.close();
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bench.phase("startup", bench::startup, "startup", "rss.idle");
            bench.phase("ingest", bench::ingest, "ingest");
            bench.phase("rebuild", bench::rebuild, "rebuild");
            bench.phase("writes", bench::writes, "writes");
            bench.phase("reads", bench::reads, "reads");
            bench.phase("e2e", bench::endToEnd, "e2e", "publish");
            bench.phase("memory", bench::memoryAfterLoad, "rss.after", "rss.peak");
        } finally {
            bench.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            system.close();
        }
        System.out.println();
        System.out.println("Benchmark report (median of " + options.runs() + " runs; "
                + Runtime.getRuntime().availableProcessors() + " cores; started " + report.startedAt() + ")");
        System.out.println();
        System.out.print(report.table());
        Path file = report.write(options.resultsDir(), options.phases());
        System.out.println();
        System.out.println("Written to " + file + (Options.everyPhase(options.phases())
                ? " and " + options.resultsDir().resolve("latest.json")
                : " (some phases only: latest.json stays the last full run)"));
        boolean failed = report.figures().stream().anyMatch(f -> f.failure() != null);
        if (options.dataDir() == null && !options.keepData() && !failed) {
            delete(scratch);
        } else {
            System.out.println("Data and logs kept in " + scratch + (options.dataDir() != null ? " and " + dataDir : ""));
        }
        return failed ? 1 : 0;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }
}
