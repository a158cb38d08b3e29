package dev.sneakerqc.infra.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import dev.sneakerqc.infra.support.ChildProcesses;
import dev.sneakerqc.infra.support.Directories;
import dev.sneakerqc.infra.support.FreePorts;
import dev.sneakerqc.infra.support.LogTail;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process), run as a separate JVM so
 * that the Kafka server's dependencies never meet those of the calling application (e.g. Quarkus). No Docker.
 * Plain Java, usable from tests and from a local launcher.
 * <p>
 * It listens on 127.0.0.1 only. The port is chosen once (a free one unless configured) and kept, as is the data:
 * {@link #stop()} followed by {@link #start()} brings the broker back on the same address with the same topics and
 * records, which is how tests simulate a broker outage. With no directory configured it works in a temporary
 * directory that {@link #close()} deletes; a configured directory is kept and reused.
 * <p>
 * The child reads a pipe from this JVM as its standard input and exits when the pipe closes, so it dies with this
 * JVM even on {@code kill -9}.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Main class of the child JVM. */
    static final String MAIN_CLASS = "dev.sneakerqc.infra.kafka.KafkaBrokerMain";

    /**
     * JVM options of the child unless configured otherwise: small heap, quick start; on Java 24 and later also
     * permission for the {@code sun.misc.Unsafe} memory access that kafka-clients still uses (else a warning).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = defaultJvmOptions();

    /**
     * JVM options for a broker that runs for long and carries load (the local stack, the benchmark): the same
     * maximum heap, starting at 256 MB, with the optimizing compiler and the Z collector. The quick-start default
     * compiles with C1 only, which costs a busy broker several times the CPU per request once warm. Every produce
     * request waits out the broker's collection pauses, which is what the outbox's publish latency sees: with the
     * serial collector and a young generation of 128 MB (before, bench/HISTORY.md "After the 10:53 run") the
     * broker stopped for 50-110 ms about every 10 s at 500 stage changes a second, copying the 5-7 MB that survive
     * each collection; ZGC marks and relocates concurrently, its pauses designed to stay under a millisecond (not
     * logged in these runs), for about 230 MB more resident memory. In two alternating pairs of end-to-end runs, the publish p99 was 72.5 and 67.8 ms against
     * 133 and 95.0 ms with the serial collector (bench/HISTORY.md, "The broker's collector"). On Java 21 and 22
     * ZGC is generational only when asked.
     */
    public static final List<String> SERVER_JVM_OPTIONS = serverJvmOptions();

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 40;

    private final Map<String, String> extraProperties;
    private final List<String> jvmOptions;
    private final Duration startTimeout;
    private final boolean closeAtExit;
    private final boolean temporary;
    private final String clusterId = Uuid.randomUuid().toString();

    private Path directory;
    private int port;
    private int controllerPort;
    private Process process;
    private Thread shutdownHook;

    private KafkaBroker(Builder builder) {
        this.port = builder.port;
        this.directory = builder.directory == null ? null : builder.directory.toAbsolutePath().normalize();
        this.temporary = builder.directory == null;
        this.extraProperties = Map.copyOf(builder.extraProperties);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.startTimeout = builder.startTimeout;
        this.closeAtExit = builder.closeAtExit;
    }

    /** A builder with the defaults: free port, temporary directory, {@link #DEFAULT_JVM_OPTIONS}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Launches the broker JVM and waits until it answers a cluster description. Does nothing if already running.
     *
     * @throws IllegalStateException if it does not become ready in time; the message has the broker log's tail
     */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        long started = System.nanoTime();
        try {
            prepareDirectory();
            if (port == 0) {
                port = FreePorts.pick();
            }
            if (controllerPort == 0) {
                controllerPort = FreePorts.pick();
            }
            Path config = writeServerProperties();
            Path log4j = writeLog4jConfiguration();
            launch(config, log4j);
            awaitReady(started);
        } catch (IOException e) {
            abortStart();
            throw new UncheckedIOException("Could not start the Kafka broker in " + directory
                    + LogTail.section(logFile(), LOG_TAIL_LINES), e);
        } catch (RuntimeException e) {
            abortStart();
            throw e;
        }
        registerShutdownHook();
        LOG.log(System.Logger.Level.INFO, () -> "Kafka broker started on " + bootstrapServers() + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms (controller port " + controllerPort + ", dir "
                + directory + ", log " + logFile() + ")");
        return this;
    }

    /**
     * Stops the broker gracefully (SIGTERM), waiting up to 20 s before killing it. Port and data are kept for the
     * next {@link #start()}. Does nothing if not running.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!ChildProcesses.awaitExit(process, STOP_TIMEOUT)) {
            LOG.log(System.Logger.Level.WARNING, () -> "Kafka broker on port " + port + " did not stop within "
                    + STOP_TIMEOUT.toSeconds() + " s; killing it");
            ChildProcesses.killTree(process);
        }
        closeQuietly(process.getOutputStream());
        process = null;
        LOG.log(System.Logger.Level.INFO, () -> "Kafka broker on port " + port + " stopped");
    }

    /** Stops the broker and, if its directory was temporary, deletes it. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary && directory != null) {
            Directories.deleteQuietly(directory, LOG);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down.
            }
            shutdownHook = null;
        }
    }

    /** Whether the broker JVM is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code 127.0.0.1:<port>}; the port is fixed by the first start. */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("The Kafka broker has not been started yet, so its port is not known");
        }
        return FreePorts.LOOPBACK + ":" + port;
    }

    /** The client port; 0 until the first start when a free port was requested. */
    public synchronized int port() {
        return port;
    }

    /** The broker's directory (configuration, {@code data/}, log); {@code null} before the first start if temporary. */
    public synchronized Path directory() {
        return directory;
    }

    /** The broker JVM's output and Log4j log (WARN and above). */
    public synchronized Path logFile() {
        return directory == null ? null : directory.resolve("broker.log");
    }

    private void prepareDirectory() throws IOException {
        if (directory == null) {
            directory = Directories.createTemp("sneakerqc-kafka-");
        }
        Files.createDirectories(directory.resolve("data"));
    }

    private Path writeServerProperties() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + FreePorts.LOOPBACK + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + FreePorts.LOOPBACK + ":" + port
                + ",CONTROLLER://" + FreePorts.LOOPBACK + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + FreePorts.LOOPBACK + ":" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", directory.resolve("data").toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "true");
        properties.put("num.partitions", "6");
        properties.putAll(extraProperties);
        properties.put(KafkaBrokerMain.CLUSTER_ID_PROPERTY, clusterId);
        Properties file = new Properties();
        file.putAll(properties);
        Path path = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(path)) {
            file.store(out, "Written by " + KafkaBroker.class.getName() + " at every start");
        }
        return path;
    }

    private Path writeLog4jConfiguration() throws IOException {
        Path path = directory.resolve("log4j2.properties");
        Files.writeString(path, String.join(System.lineSeparator(),
                "# Written by " + KafkaBroker.class.getName() + ": WARN and above to stdout, i.e. broker.log",
                "status = warn",
                "shutdownHook = disable",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.target = SYSTEM_OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.out.ref = OUT",
                ""));
        return path;
    }

    private void launch(Path config, Path log4j) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(BrokerClasspath.build(directory));
        command.add(MAIN_CLASS);
        command.add(config.toString());
        Files.writeString(logFile(), "=== " + Instant.now() + " starting Kafka broker on port " + port
                + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(ChildProcesses.inOwnSession(command))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile().toFile()));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("KAFKA_OPTS");
        process = builder.start();
    }

    private void awaitReady(long startedNanos) {
        long deadline = startedNanos + startTimeout.toNanos();
        while (!FreePorts.accepts(port)) {
            checkAlive();
            checkDeadline(deadline, null);
            pause();
        }
        // Kafka clients load configured classes (metric reporters, ...) through the context class loader; when the
        // caller belongs to another class loader (e.g. another Quarkus application) those would not fit ours.
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            awaitClusterDescription(deadline);
        } finally {
            thread.setContextClassLoader(callerLoader);
        }
    }

    private void awaitClusterDescription(long deadline) {
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "sneakerqc-broker-readiness");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        adminConfig.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        try (Admin admin = Admin.create(adminConfig)) {
            Exception lastFailure = null;
            while (true) {
                checkAlive();
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker to start", e);
                }
                checkDeadline(deadline, lastFailure);
                pause();
            }
        }
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The Kafka broker JVM exited with code " + process.exitValue()
                    + " while starting on port " + port + LogTail.section(logFile(), LOG_TAIL_LINES));
        }
    }

    private void checkDeadline(long deadline, Exception lastFailure) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("The Kafka broker did not become ready on " + bootstrapServers()
                    + " within " + startTimeout.toSeconds() + " s" + LogTail.section(logFile(), LOG_TAIL_LINES),
                    lastFailure);
        }
    }

    private static List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>();
        for (String option : DEFAULT_JVM_OPTIONS) {
            if (option.startsWith("-Xms")) {
                options.add("-Xms256m");
            } else if (option.equals("-XX:+UseSerialGC")) {
                options.add("-XX:+UseZGC");
                if (Runtime.version().feature() < 23) {
                    options.add("-XX:+ZGenerational");
                }
            } else if (!option.startsWith("-XX:TieredStopAtLevel")) {
                options.add(option);
            }
        }
        return List.copyOf(options);
    }

    private static List<String> defaultJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(options);
    }

    private static void pause() {
        if (!ChildProcesses.pause(Duration.ofMillis(100))) {
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker to start");
        }
    }

    private void abortStart() {
        if (process != null) {
            ChildProcesses.killTree(process);
            closeQuietly(process.getOutputStream());
            process = null;
        }
    }

    private void registerShutdownHook() {
        if (closeAtExit && shutdownHook == null) {
            shutdownHook = new Thread(this::close, "kafka-broker-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Nothing left to do with a broken pipe.
        }
    }

    /** Options for a {@link KafkaBroker}. */
    public static final class Builder {
        private int port;
        private Path directory;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean closeAtExit = true;

        private Builder() {
        }

        /** Client port on 127.0.0.1; 0 (the default) picks a free one at the first start and keeps it. */
        public Builder port(int port) {
            this.port = FreePorts.requireValid(port);
            return this;
        }

        /**
         * Directory for configuration, data and log, kept and reused; {@code null} (the default) means a temporary
         * directory that {@link KafkaBroker#close()} deletes.
         */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** A broker setting added to, or replacing one of, the generated {@code server.properties}. */
        public Builder property(String name, String value) {
            extraProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Several broker settings; see {@link #property}. */
        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** JVM options of the broker process, replacing {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** How long {@link KafkaBroker#start()} waits for the broker (default 60 s). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * Whether a JVM shutdown hook closes it (default {@code true}). A launcher that stops several processes in
         * a fixed order turns it off and closes it itself; the child still ends with the JVM through its pipe.
         */
        public Builder closeAtExit(boolean closeAtExit) {
            this.closeAtExit = closeAtExit;
            return this;
        }

        /** The configured broker, not yet started. */
        public KafkaBroker build() {
            return new KafkaBroker(this);
        }
    }
}
