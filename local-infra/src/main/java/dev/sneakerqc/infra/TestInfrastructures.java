package dev.sneakerqc.infra;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Chooses and starts the {@link TestInfrastructure} for this JVM. The kind comes from the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT_VARIABLE}, else {@code embedded}:
 * <ul>
 *     <li>{@code embedded}: PostgreSQL and Kafka as child processes, no Docker;</li>
 *     <li>{@code containers}: Testcontainers ({@value ContainersInfrastructure#POSTGRES_IMAGE},
 *     {@value ContainersInfrastructure#KAFKA_IMAGE});</li>
 *     <li>{@code external}: servers named by {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code QUARKUS_DATASOURCE_USERNAME},
 *     {@code QUARKUS_DATASOURCE_PASSWORD} and {@code KAFKA_BOOTSTRAP_SERVERS}.</li>
 * </ul>
 */
public final class TestInfrastructures {

    /** System property naming the kind of infrastructure. */
    public static final String PROPERTY = "infra";
    /** Environment variable naming the kind when the system property is not set. */
    public static final String ENVIRONMENT_VARIABLE = "INFRA";

    private static final System.Logger LOG = System.getLogger(TestInfrastructures.class.getName());
    /** JMX name under which {@link #shared()} publishes the instance for other class loaders. */
    public static final String MBEAN_NAME = "dev.sneakerqc.infra:type=SharedTestInfrastructure";
    /**
     * String literals are interned JVM-wide, so this is the same object in every class loader that loads this
     * class (test frameworks such as Quarkus load it more than once): a lock for the whole JVM.
     */
    private static final Object JVM_WIDE_LOCK = "dev.sneakerqc.infra.TestInfrastructures.shared";

    private static TestInfrastructure shared;

    private TestInfrastructures() {
    }

    /**
     * The infrastructure shared by all tests of this JVM: started by the first call, stopped when the JVM exits.
     * Later calls, also from other class loaders (e.g. after a Quarkus restart), get the same servers: the instance
     * is published as a platform MXBean and other class loaders see it through a proxy of their own interface.
     */
    public static TestInfrastructure shared() {
        synchronized (JVM_WIDE_LOCK) {
            if (shared == null) {
                shared = lookUpOrStart();
            }
            return shared;
        }
    }

    /** The selected kind: {@code embedded}, {@code containers} or {@code external}. */
    public static String selectedKind() {
        String kind = System.getProperty(PROPERTY);
        if (kind == null || kind.isBlank()) {
            kind = System.getenv(ENVIRONMENT_VARIABLE);
        }
        return kind == null || kind.isBlank() ? "embedded" : kind.trim().toLowerCase(Locale.ROOT);
    }

    private static TestInfrastructure lookUpOrStart() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try {
            name = new ObjectName(MBEAN_NAME);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
        if (server.isRegistered(name)) {
            return JMX.newMXBeanProxy(server, name, TestInfrastructure.class);
        }
        String kind = selectedKind();
        long started = System.nanoTime();
        TestInfrastructure created = start(kind);
        if (created instanceof AutoCloseable closeable) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(closeable), "test-infrastructure-shutdown"));
        }
        try {
            server.registerMBean(new StandardMBean(created, TestInfrastructure.class, true), name);
        } catch (JMException e) {
            throw new IllegalStateException("Could not publish the shared test infrastructure as MXBean " + name, e);
        }
        LOG.log(System.Logger.Level.INFO, () -> "Shared test infrastructure (infra=" + kind + ") ready in "
                + (System.nanoTime() - started) / 1_000_000 + " ms: " + created);
        return created;
    }

    private static TestInfrastructure start(String kind) {
        return switch (kind) {
            case "embedded" -> EmbeddedInfrastructure.start();
            case "containers" -> ContainersInfrastructure.start();
            case "external" -> ExternalInfrastructure.fromEnvironment();
            default -> throw new IllegalArgumentException("Unknown test infrastructure '" + kind + "' (system property "
                    + PROPERTY + " or environment variable " + ENVIRONMENT_VARIABLE
                    + "): use embedded, containers or external");
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping the shared test infrastructure failed", e);
        }
    }
}
