package dev.sneakerqc.infra.quarkus;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import javax.management.JMException;
import javax.management.JMX;
import javax.management.ObjectName;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sneakerqc.infra.TestInfrastructure;
import dev.sneakerqc.infra.TestInfrastructures;

/**
 * Quarkus test resource that points a service at the shared PostgreSQL and Kafka of
 * {@link TestInfrastructures#shared()} (embedded processes by default) and creates the service's database.
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
 * class CatalogResourceTest {
 *     @InjectInfrastructure
 *     TestInfrastructure infra;
 * }
 * }</pre>
 * Init argument {@code database} (default {@code app}) names the database. The servers outlive each Quarkus
 * application, so {@link #stop()} does nothing; they stop when the JVM exits.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument naming the database to create and configure. */
    public static final String DATABASE_ARG = "database";
    /** Database used when no {@value #DATABASE_ARG} argument is given. */
    public static final String DEFAULT_DATABASE = "app";

    private String database = DEFAULT_DATABASE;
    private TestInfrastructure infrastructure;

    @Override
    public void init(Map<String, String> initArgs) {
        String configured = initArgs.get(DATABASE_ARG);
        if (configured != null && !configured.isBlank()) {
            database = configured.trim();
        }
    }

    @Override
    public Map<String, String> start() {
        infrastructure = TestInfrastructures.shared();
        infrastructure.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", infrastructure.jdbcUrl(database),
                "quarkus.datasource.username", infrastructure.username(),
                "quarkus.datasource.password", infrastructure.password(),
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The shared servers outlive one Quarkus application; a JVM shutdown hook stops them.
    }

    /**
     * Sets the test's {@link InjectInfrastructure} fields. Fields are matched by name, not class identity, since the
     * test class may see this module through another class loader than this resource; such fields get a proxy of
     * their own {@link TestInfrastructure} type.
     */
    @Override
    public void inject(TestInjector testInjector) {
        TestInfrastructure target = infrastructure != null ? infrastructure : TestInfrastructures.shared();
        Set<Class<?>> fieldTypes = new LinkedHashSet<>();
        testInjector.injectIntoFields(target, field -> {
            if (isInfrastructureField(field)) {
                fieldTypes.add(field.getType());
            }
            return false;
        });
        for (Class<?> type : fieldTypes) {
            Object value = type.isInstance(target) ? target : adapt(type);
            testInjector.injectIntoFields(value, field -> isInfrastructureField(field) && field.getType() == type);
        }
    }

    private static boolean isInfrastructureField(Field field) {
        boolean annotated = false;
        for (var annotation : field.getAnnotations()) {
            annotated |= annotation.annotationType().getName().equals(InjectInfrastructure.class.getName());
        }
        return annotated && field.getType().getName().equals(TestInfrastructure.class.getName());
    }

    /** A proxy of another class loader's {@code TestInfrastructure} interface onto the shared MXBean. */
    private static Object adapt(Class<?> foreignInterface) {
        try {
            return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                    new ObjectName(TestInfrastructures.MBEAN_NAME), foreignInterface);
        } catch (JMException e) {
            throw new IllegalStateException("Could not reach the shared test infrastructure", e);
        }
    }
}
