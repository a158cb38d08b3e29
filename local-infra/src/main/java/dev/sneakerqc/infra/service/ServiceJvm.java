package dev.sneakerqc.infra.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * How a service's JVM is configured: the options and environment {@link PackagedService} launches it with, sized
 * for a small service on a small machine (2 cores here).
 * <ul>
 *     <li>{@code -XX:+UseSerialGC}, {@code -Xms32m -Xmx256m}: the live data of a service is a few tens of MB; the
 *     serial collector keeps no per-region bookkeeping and no GC threads, and its pauses at this heap size are a
 *     few milliseconds. The heap starts small and grows only as far as the load needs. The collector never
 *     shrinks the old generation below its initial size, so the initial heap is also the floor an idle service
 *     can give memory back down to (with {@code -Xms64m} the catalog kept 63 MB of heap for 28 MB live).</li>
 *     <li>{@code -XX:-ShrinkHeapInSteps}: a full collection gives the heap it leaves free beyond
 *     {@code MaxHeapFreeRatio} back at once, not in steps over several collections. The services ask for one,
 *     with that ratio lowered to 10 %, when they fall idle after a load ({@code IdleHeapRelease}), so a heap
 *     grown by a backlog or a rebuild does not stay resident.</li>
 *     <li>{@code -XX:MetaspaceSize=64m}: the class metadata size at which the JVM first runs a full collection
 *     to unload classes (21 MB by default). The catalog reached it about a minute into a load (21.5 MB; the
 *     qc-service stays near 9 MB), and that full collection stopped it for 300 ms. Nothing here needs classes
 *     unloaded; the option reserves nothing.</li>
 *     <li>An AOT cache (JDK 25+, JEP 483/514/515), {@code app.aot} next to the application: the classes of a
 *     real run, loaded and linked ahead of time, with their method profiles. The JDK caches only classes of its
 *     own class loaders, so the services are packaged to be loaded by them ({@code quarkus.package.jar.type} in
 *     the root pom): then the cache holds the application's and the libraries' classes too, and a restart takes
 *     about two-thirds of the time it takes with Quarkus's default layout and its cache. A service started
 *     with no cache, or with one older than its application, trains one: that run
 *     records what it loads, and the cache is written when it stops gracefully. A cache made by another JDK build
 *     is ignored with a warning. A launch with {@code JAVA_OPTS_APPEND} never trains one: the JVM refuses a
 *     cache whose options differ from its own (one trained under a flight recording is unusable without it), so
 *     such a launch uses the cache there is, if any.</li>
 *     <li>{@code -XX:TrimNativeHeapInterval=5000}: every 5 s the JVM hands the C heap's free memory back to the
 *     system (glibc keeps what the JIT compilers and the network buffers freed otherwise; about 30 MB here after
 *     a load).</li>
 *     <li>{@code MALLOC_ARENA_MAX=2}: glibc otherwise keeps up to 8 malloc arenas per core, taken by every
 *     thread that allocates natively, which shows as resident memory and buys nothing here.</li>
 *     <li>The catalog only: {@code -XX:-TieredCompilation} ({@link #serviceOptions}). Its methods run interpreted
 *     until they are hot enough for the C2 compiler, with no C1 tier between. On 2 cores the C1 tier compiled about
 *     20,000 of the catalog's methods, whose code and metadata stayed resident after a load (about 40 MB of code
 *     cache and 27 MB of C heap); with C2 alone it held about 9,000 compiled methods in 14 MB of code cache, used
 *     no more CPU a stage change or a read once warm, and its resident memory after the benchmark's load fell from
 *     305 to 265 MB (bench/HISTORY.md, "C2 alone"). The qc-service keeps both tiers: it must warm up fast when a
 *     fresh instance catches up on a backlog, and C2 alone slowed that by about a fifth.
 *     With it, {@code -XX:ReservedCodeCacheSize=240m}, the code cache a JVM with both tiers reserves: alone, C2 gets
 *     48 MB, and the JVM runs a collection to unload code each time 15 % of the reserved size
 *     ({@code SweeperThreshold}), 7.2 MB, has been compiled since the last one. With the serial collector that is
 *     a full collection, which stopped the catalog for 175 ms in the middle of a load. With 240 MB the threshold
 *     is 36 MB, more than the catalog compiles in all (about 14 MB); the reservation is address space, not
 *     memory.</li>
 *     <li>The qc-service only: {@code -XX:CompileThresholdScaling=10} with the C2 tier's four thresholds set to a
 *     tenth of their defaults ({@link #QC_COMPILATION}), which the scaling brings back to the defaults. A method
 *     is then compiled by C1 with profiling after ten times as many calls or loop iterations as by default
 *     (2,000 calls instead of 200), and by C2 after as many profiled calls as by default. A start runs much of
 *     the framework's code a few hundred times and never again; on 2 cores the two compiler threads took about
 *     1.7 s of CPU in a qc-service start of about 2 s, beside its main thread's 1 s. With the later first tier they
 *     took about 0.7 s and the start was 0.3–0.5 s shorter, while a fresh instance's catch-up on a backlog and the
 *     steady 500 stage changes a second ran as fast as before within the spread (bench/HISTORY.md, "The first
 *     compiler tier later in the qc-service"). Scaling C2's thresholds as well made the steady state slower: code
 *     run once an event stayed in the profiled C1 tier for the first minute at 500 a second.</li>
 *     <li>{@code JAVA_OPTS_APPEND} (from the service's environment, else from this process's), appended last so
 *     that it overrides: a flight recording while measuring, say.</li>
 * </ul>
 */
public final class ServiceJvm {

    /** The AOT cache's file name in the application directory ({@code target/quarkus-app}). */
    public static final String AOT_CACHE = "app.aot";
    private static final String TRAINING_PREFIX = AOT_CACHE + ".training-";

    /**
     * The options of one launch.
     *
     * @param options  the options before {@code -jar}
     * @param training where this run writes the AOT cache it trains, null when it uses one (or none)
     */
    public record Launch(List<String> options, Path training) {
    }

    private ServiceJvm() {
    }

    /**
     * The options for a launch of service {@code service} (its name, as {@code catalog-service} or
     * {@code qc-service}, possibly with a suffix naming the instance) from the application in
     * {@code applicationDir}, on the JDK this process runs on.
     */
    public static Launch launch(String service, Path applicationDir, Map<String, String> environment) {
        int feature = Runtime.version().feature();
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m",
                "-XX:-ShrinkHeapInSteps", "-XX:MetaspaceSize=64m"));
        options.addAll(serviceOptions(service));
        if (feature > 21 || Runtime.version().update() >= 4) {
            options.add("-XX:TrimNativeHeapInterval=5000"); // a product option since 22 and 21.0.4
        }
        if (feature >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow"); // Netty still uses it; quiet on newer JDKs
        }
        String extra = environment.getOrDefault("JAVA_OPTS_APPEND", System.getenv("JAVA_OPTS_APPEND"));
        boolean extraOptions = extra != null && !extra.isBlank();
        Path training = null;
        if (feature >= 25) {
            Path cache = applicationDir.resolve(AOT_CACHE);
            if (isCurrent(cache, applicationDir)) {
                options.add("-XX:AOTCache=" + cache);
            } else if (!extraOptions) {
                training = applicationDir.resolve(TRAINING_PREFIX + UUID.randomUUID());
                options.add("-XX:AOTCacheOutput=" + training);
            }
        }
        if (extraOptions) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return new Launch(options, training);
    }

    /**
     * After a launch has ended: puts the cache it trained in place if it wrote one (a run killed writes none),
     * and removes what the training left.
     */
    public static void afterExit(Launch launch) {
        Path training = launch.training();
        if (training == null) {
            return;
        }
        try {
            if (Files.isRegularFile(training) && Files.size(training) > 0) {
                Files.move(training, training.resolveSibling(AOT_CACHE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            try (DirectoryStream<Path> left = Files.newDirectoryStream(training.getParent(),
                    training.getFileName() + "*")) {
                for (Path path : left) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the AOT cache trained in " + training, e);
        }
    }

    /**
     * The qc-service's compilation thresholds: the interpreter's and C1's ten times the defaults, C2's the defaults
     * (the scaling multiplies the four given here by ten).
     */
    static final List<String> QC_COMPILATION = List.of("-XX:CompileThresholdScaling=10",
            "-XX:Tier4InvocationThreshold=500", "-XX:Tier4MinInvocationThreshold=60",
            "-XX:Tier4CompileThreshold=1500", "-XX:Tier4BackEdgeThreshold=4000");

    /** The options one service runs with beyond those all share (their images set the same). */
    static List<String> serviceOptions(String service) {
        return service.startsWith("catalog-service")
                ? List.of("-XX:-TieredCompilation", "-XX:ReservedCodeCacheSize=240m")
                : QC_COMPILATION;
    }

    /** Environment variables the JVM reads at launch. */
    public static Map<String, String> environment() {
        return Map.of("MALLOC_ARENA_MAX", "2");
    }

    /** Whether the cache exists and is newer than every jar of the application. */
    private static boolean isCurrent(Path cache, Path applicationDir) {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(applicationDir)) {
            FileTime made = Files.getLastModifiedTime(cache);
            return files.filter(path -> path.toString().endsWith(".jar"))
                    .allMatch(jar -> modified(jar).compareTo(made) < 0);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
