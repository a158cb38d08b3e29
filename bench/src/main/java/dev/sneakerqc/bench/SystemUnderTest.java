package dev.sneakerqc.bench;

import dev.sneakerqc.infra.service.PackagedService;
import dev.sneakerqc.infra.support.FreePorts;
import dev.sneakerqc.stack.Console;
import dev.sneakerqc.stack.LocalStack;
import dev.sneakerqc.stack.StackSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The system the figures are measured on: a local stack the suite starts (fresh data folder, free ports, no demo
 * data), whose services it can restart, or a system already running, named by its addresses.
 */
public final class SystemUnderTest implements AutoCloseable {

    public static final String CATALOG = "catalog-service";
    public static final String QC = "qc-service";


    private final String catalogUrl;
    private final String qcUrl;
    private final String kafka;
    private final Database database;
    private final String catalogDatabase;
    private final String qcDatabase;
    private final Path projectDir;
    private final LocalStack stack;
    private final Path logDir;

    private SystemUnderTest(String catalogUrl, String qcUrl, String kafka, Database database, String catalogDatabase,
                            String qcDatabase, Path projectDir, LocalStack stack, Path logDir) {
        this.catalogUrl = catalogUrl;
        this.qcUrl = qcUrl;
        this.kafka = kafka;
        this.database = database;
        this.catalogDatabase = catalogDatabase;
        this.qcDatabase = qcDatabase;
        this.projectDir = projectDir;
        this.stack = stack;
        this.logDir = logDir;
    }

    /** Starts PostgreSQL, Kafka and both packaged services in {@code dataDir} on free ports, without demo data. */
    public static SystemUnderTest startLocalStack(Path projectDir, Path dataDir) {
        Map<String, String> options = Map.of(
                "postgres-port", Integer.toString(FreePorts.pick()), "kafka-port", Integer.toString(FreePorts.pick()),
                "catalog-port", Integer.toString(FreePorts.pick()), "qc-port", Integer.toString(FreePorts.pick()),
                "data-dir", dataDir.toString(), "demo-data", "false");
        StackSettings settings = StackSettings.resolve(projectDir, options, Map.of());
        LocalStack stack = new LocalStack(settings, new Console(System.out)).start();
        // A service started without a current AOT cache trains one in that run (slower), and writes it when it
        // stops: restart such a service once, so that every figure is measured as the service normally runs.
        for (PackagedService service : stack.services()) {
            if (service.isTrainingAotCache()) {
                System.out.println("  " + service.name() + " trained its AOT cache; restarting it with the cache");
                service.close();
                service.start(Duration.ofSeconds(120));
            }
        }
        return new SystemUnderTest(stack.catalogUrl(), stack.qcUrl(), stack.kafkaBootstrapServers(),
                Database.of(stack.jdbcUrl("postgres"), "postgres", "postgres"), "catalog", "qc", projectDir, stack,
                settings.logDir());
    }

    /** A system already running; {@code jdbcUrl} names its PostgreSQL server, reached as {@code user}. */
    public static SystemUnderTest running(String catalogUrl, String qcUrl, String kafka, Database database,
                                          String catalogDatabase, String qcDatabase, Path projectDir, Path logDir) {
        return new SystemUnderTest(strip(catalogUrl), strip(qcUrl), kafka, database, catalogDatabase, qcDatabase,
                projectDir, null, logDir);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String catalogUrl() {
        return catalogUrl;
    }

    public String qcUrl() {
        return qcUrl;
    }

    public String url(String service) {
        return CATALOG.equals(service) ? catalogUrl : qcUrl;
    }

    public String kafka() {
        return kafka;
    }

    public Database database() {
        return database;
    }

    public String catalogDatabase() {
        return catalogDatabase;
    }

    public String qcDatabase() {
        return qcDatabase;
    }

    public Path projectDir() {
        return projectDir;
    }

    public Path logDir() {
        return logDir;
    }

    /** Whether the suite started the services, and so can restart them. */
    public boolean ownsServices() {
        return stack != null;
    }

    /** The service's process id: the one the stack launched, else whichever process listens on its port. */
    public OptionalLong pid(String service) {
        Optional<PackagedService> packaged = packaged(service);
        if (packaged.isPresent()) {
            return packaged.get().isRunning() ? OptionalLong.of(packaged.get().pid()) : OptionalLong.empty();
        }
        return Procs.listeningOn(URI.create(url(service)).getPort());
    }

    private Optional<PackagedService> packaged(String service) {
        return stack == null ? Optional.empty()
                : stack.services().stream().filter(s -> s.name().equals(service)).findFirst();
    }

    /**
     * Stops the service and starts it again; returns the time from launching the process to its first 200 on
     * {@code /q/health/ready} (polled every 10 ms).
     */
    public Duration restart(String service) {
        PackagedService packaged = packaged(service).orElseThrow(
                () -> new BenchFailure("cannot restart " + service + ": the suite did not start it"));
        packaged.close();
        return packaged.start(Duration.ofSeconds(120));
    }

    /** The packaged application of a service, from the checkout. */
    public Path applicationJar(String service) {
        return projectDir.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
