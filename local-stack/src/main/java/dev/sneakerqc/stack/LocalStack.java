package dev.sneakerqc.stack;

import dev.sneakerqc.infra.kafka.KafkaBroker;
import dev.sneakerqc.infra.postgres.EmbeddedPostgres;
import dev.sneakerqc.infra.postgres.PostgresJdbc;
import dev.sneakerqc.infra.service.PackagedService;
import dev.sneakerqc.stack.demo.DemoData;
import dev.sneakerqc.stack.demo.DemoDataFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The whole system on this machine: PostgreSQL and a Kafka broker with their data under the stack's data folder,
 * then catalog-service and qc-service as packaged applications in prod mode, then, on the first start, the demo
 * data. {@link #close()} stops them in the reverse order: services first, so that they finish what they are doing
 * against servers that are still there.
 */
public final class LocalStack implements AutoCloseable {

    /** The database of each service, with a login role of the same name (the services' default credentials). */
    static final List<String> DATABASES = List.of("catalog", "qc");

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_CONNECTIONS = 250;

    private final StackSettings settings;
    private final Console console;
    private final List<PackagedService> services = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private KafkaBroker kafka;
    private StackState state;
    private volatile boolean closing;

    public LocalStack(StackSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    /** Starts everything and returns when the services are ready and the demo data is in; stops all on failure. */
    public LocalStack start() {
        refuseSecondInstance();
        checkPortsFree();
        state = StackState.empty(settings.stateFile()).launcher(ProcessHandle.current().pid());
        state.write();
        try {
            console.line("Starting PostgreSQL and Kafka (data in " + settings.dataDir() + ")");
            parallel(Map.of("PostgreSQL", this::startPostgres, "Kafka", this::startKafka));
            createDatabases();
            console.line("Starting catalog-service and qc-service (prod mode; logs in " + settings.logDir() + ")");
            services.add(service("catalog-service", settings.catalogPort(), Map.of()));
            services.add(service("qc-service", settings.qcPort(),
                    Map.of("QUARKUS_REST_CLIENT_CATALOG_URL", catalogUrl())));
            Map<String, Supplier<String>> starts = new LinkedHashMap<>();
            for (PackagedService service : services) {
                service.launch();
                state.address(service.name(), service.url());
                starts.put(service.name(), () -> {
                    service.awaitReady(SERVICE_START_TIMEOUT);
                    return "ready on " + service.url();
                });
            }
            state.address("kafka", kafka.bootstrapServers()).address("postgres", jdbcUrl("")).write();
            parallel(starts);
            loadDemoDataOnFirstStart();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String catalogUrl() {
        return "http://localhost:" + settings.catalogPort();
    }

    public String qcUrl() {
        return "http://localhost:" + settings.qcPort();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The JDBC URL of {@code database} on the stack's PostgreSQL (superuser {@code postgres}/{@code postgres}). */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The running services (catalog-service, then qc-service), e.g. to restart one or read its pid. */
    public List<PackagedService> services() {
        return List.copyOf(services);
    }

    /** Prints where everything is. */
    void printAddresses() {
        console.line("");
        console.line("The stack is running. Data and logs are kept in " + settings.dataDir() + ".");
        console.entry("Catalog API", catalogUrl() + "/api/models  (also /api/factories, /api/batches)");
        console.entry("Catalog Swagger UI", catalogUrl() + "/q/swagger-ui");
        console.entry("Catalog health", catalogUrl() + "/q/health");
        console.entry("QC API", qcUrl() + "/api/inspections  (also /api/streams, /api/sampling-plans)");
        console.entry("QC Swagger UI", qcUrl() + "/q/swagger-ui");
        console.entry("QC health", qcUrl() + "/q/health");
        console.entry("Kafka", kafka.bootstrapServers() + "  (topics production-events, qc-events)");
        console.entry("PostgreSQL", jdbcUrl("catalog") + " (user catalog), " + jdbcUrl("qc") + " (user qc)");
        console.line("");
        console.line("Ctrl-C stops everything (or ./stack stop in another terminal); the next start keeps the data.");
    }

    /** Reports a service that ended on its own while the stack runs; {@code true} while all are alive. */
    boolean checkServicesAlive() {
        return services.stream().allMatch(service -> {
            if (closing || service.isRunning()) {
                return true;
            }
            console.line(service.name() + " has stopped (exit code " + service.exitCode() + "); see " + service.log());
            return false;
        });
    }

    /** Stops the services, then Kafka, then PostgreSQL, keeping all data. */
    @Override
    public synchronized void close() {
        closing = true;
        for (PackagedService service : services.reversed()) {
            stop(service.name(), service);
        }
        services.clear();
        stop("Kafka", kafka);
        kafka = null;
        stop("PostgreSQL", postgres);
        postgres = null;
        if (state != null) {
            state.delete();
            state = null;
        }
    }

    private void stop(String label, AutoCloseable component) {
        if (component == null) {
            return;
        }
        try {
            timed(label, () -> {
                try {
                    component.close();
                } catch (Exception e) {
                    throw new StackFailure(label + " did not stop cleanly: " + e.getMessage(), e);
                }
                return "stopped";
            });
        } catch (RuntimeException e) {
            console.line("    " + e.getMessage()); // and go on stopping the rest
        }
    }

    private void refuseSecondInstance() {
        StackState.read(settings.stateFile()).ifPresent(previous -> {
            previous.liveLauncher().ifPresent(launcher -> {
                throw new StackFailure("The stack is already running from " + settings.dataDir() + " (pid "
                        + launcher.pid() + "). Stop it with ./stack stop, or use another --data-dir.");
            });
            previous.delete();
        });
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("postgres-port", settings.postgresPort());
        ports.put("kafka-port", settings.kafkaPort());
        ports.put("catalog-port", settings.catalogPort());
        ports.put("qc-port", settings.qcPort());
        List<String> problems = new ArrayList<>();
        if (ports.values().stream().distinct().count() < ports.size()) {
            problems.add("two of the ports are the same: " + ports);
        }
        ports.forEach((option, port) -> {
            if (!isFree(port)) {
                String[] described = StackSettings.OPTIONS.get(option);
                problems.add("port " + port + " (" + described[2] + ") is already in use by another program;"
                        + " choose another with --" + option + "=<port> or " + described[0] + "=<port>");
            }
        });
        if (!problems.isEmpty()) {
            throw new StackFailure("Cannot start:\n  " + String.join("\n  ", problems));
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private String startPostgres() {
        postgres = EmbeddedPostgres.builder().port(settings.postgresPort())
                .dataDirectory(settings.postgresDataDir()).closeAtExit(false)
                // Both services' pools (32 each), a second instance or a replay, and psql or pgbench beside them.
                .setting("max_connections", Integer.toString(MAX_CONNECTIONS))
                // Commit times of transactions (pg_xact_commit_timestamp): when a change became visible, which
                // bench/ measures its event latencies from; 10 bytes per transaction.
                .setting("track_commit_timestamp", "on").build();
        boolean existing = Files.exists(settings.postgresDataDir().resolve("PG_VERSION"));
        postgres.start();
        return "ready on 127.0.0.1:" + settings.postgresPort() + (existing ? " (existing data)" : " (new data)");
    }

    private String startKafka() {
        kafka = KafkaBroker.builder().port(settings.kafkaPort()).directory(settings.kafkaDir())
                .jvmOptions(KafkaBroker.SERVER_JVM_OPTIONS).closeAtExit(false).build();
        boolean existing = Files.isDirectory(settings.kafkaDir().resolve("data"));
        kafka.start();
        return "ready on " + kafka.bootstrapServers() + (existing ? " (existing data)" : " (new data)");
    }

    private void createDatabases() {
        try (var connection = postgres.connect("postgres")) {
            for (String name : DATABASES) {
                PostgresJdbc.createLoginRoleIfMissing(connection, name, name);
                PostgresJdbc.createDatabaseIfMissing(connection, name, name);
            }
        } catch (java.sql.SQLException e) {
            throw new StackFailure("Cannot create the services' databases on " + jdbcUrl("postgres") + ": "
                    + e.getMessage(), e);
        }
    }

    private PackagedService service(String name, int port, Map<String, String> extra) {
        Map<String, String> environment = new LinkedHashMap<>(extra);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(name.substring(0, name.indexOf('-'))));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return new PackagedService(name, settings.applicationJar(name), port, environment,
                settings.logDir().resolve(name + ".log"));
    }

    private void loadDemoDataOnFirstStart() {
        if (!settings.demoData()) {
            return;
        }
        if (Files.exists(settings.demoDataMarker())) {
            console.step("demo data", "loaded on an earlier start", null);
            return;
        }
        DemoData demo = new DemoData(catalogUrl(), qcUrl(), detail -> console.step("demo data", detail, null));
        if (demo.catalogHasData()) {
            console.step("demo data", "skipped: the catalog already has data", null);
        } else {
            try {
                timed("demo data", () -> "loaded: " + demo.load());
            } catch (DemoDataFailure e) {
                throw new StackFailure("Loading the demo data failed: " + e.getMessage()
                        + "\nThe services' logs are in " + settings.logDir() + ".", e);
            }
        }
        try {
            Files.writeString(settings.demoDataMarker(), "Demo data loaded " + Instant.now() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the named steps at once, reporting each as it finishes and what is still pending every 10 s. */
    private void parallel(Map<String, Supplier<String>> steps) {
        Map<String, Future<String>> running = new LinkedHashMap<>();
        steps.forEach((label, step) -> running.put(label,
                CompletableFuture.supplyAsync(() -> timed(label, step), command -> Thread.ofPlatform()
                        .name("stack-" + label).daemon(true).start(command))));
        Instant started = Instant.now();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Future<String>> entry : running.entrySet()) {
            while (true) {
                try {
                    entry.getValue().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException stillRunning) {
                    List<String> pending = running.entrySet().stream().filter(e -> !e.getValue().isDone())
                            .map(Map.Entry::getKey).toList();
                    console.line("  ... still starting " + String.join(", ", pending) + " ("
                            + Duration.between(started, Instant.now()).toSeconds() + " s)");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                    failures.add(entry.getKey() + ": " + cause.getMessage());
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackFailure("Interrupted while starting " + entry.getKey());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new StackFailure("Cannot start:\n  " + String.join("\n  ", failures));
        }
    }

    private String timed(String label, Supplier<String> step) {
        long started = System.nanoTime();
        try {
            String outcome = step.get();
            console.step(label, outcome, Duration.ofNanos(System.nanoTime() - started));
            return outcome;
        } catch (RuntimeException e) {
            console.step(label, "FAILED", Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }
}
