package dev.sneakerqc.infra.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the child JVM that {@link KafkaBroker} launches: formats the KRaft storage on first use, then runs
 * the Kafka broker and controller from the given {@code server.properties}.
 * <p>
 * The process ends when its standard input reaches end-of-file, i.e. when the parent JVM closed the pipe or died,
 * so a broker never outlives the JVM that started it. Compiled against the provided-scope Kafka server jars; only
 * ever loaded in the child JVM.
 */
public final class KafkaBrokerMain {

    /** Property in {@code server.properties} with the cluster id used to format new storage. */
    public static final String CLUSTER_ID_PROPERTY = "sneakerqc.cluster.id";

    private static final long HALT_AFTER_MILLIS = 15_000;

    private KafkaBrokerMain() {
    }

    /** {@code args[0]}: path of the broker's {@code server.properties}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: KafkaBrokerMain <server.properties>");
            System.exit(2);
        }
        exitWhenParentGoes();
        Path config = Path.of(args[0]).toAbsolutePath();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
        }
        formatStorageIfNeeded(config, properties);
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static void formatStorageIfNeeded(Path config, Properties properties) {
        Path logDir = Path.of(properties.getProperty("log.dirs").split(",")[0].trim());
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = properties.getProperty(CLUSTER_ID_PROPERTY);
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalStateException(config + " has no " + CLUSTER_ID_PROPERTY + " to format " + logDir);
        }
        PrintStream out = System.out;
        int exitCode = kafka.tools.StorageTool.execute(
                new String[] {"format", "--cluster-id", clusterId, "--config", config.toString(), "--ignore-formatted"},
                out);
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting KRaft storage in " + logDir + " failed with exit code "
                    + exitCode);
        }
    }

    /**
     * Reads standard input until end-of-file, then shuts down: normally through the shutdown hooks (Kafka's stops
     * the server cleanly), and by {@link Runtime#halt} if that takes longer than {@value #HALT_AFTER_MILLIS} ms.
     */
    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The parent never writes; only end-of-file matters.
                }
            } catch (IOException e) {
                // A broken pipe means the same as end-of-file.
            }
            System.out.println("KafkaBrokerMain: standard input closed (parent stopped the broker or exited), shutting down");
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(1);
            }, "parent-watch-halt");
            halter.setDaemon(true);
            halter.start();
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
