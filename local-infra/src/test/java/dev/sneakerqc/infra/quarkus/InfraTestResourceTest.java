package dev.sneakerqc.infra.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

import dev.sneakerqc.infra.TestInfrastructure;
import dev.sneakerqc.infra.TestInfrastructures;
import dev.sneakerqc.infra.postgres.PostgresJdbc;

class InfraTestResourceTest {

    @Test
    void configuresAServiceAgainstTheSharedServers() throws Exception {
        InfraTestResource resource = new InfraTestResource();
        resource.init(Map.of(InfraTestResource.DATABASE_ARG, "catalog"));
        Map<String, String> config = resource.start();

        assertEquals("false", config.get("quarkus.devservices.enabled"));
        String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
        assertTrue(jdbcUrl.endsWith("/catalog"), jdbcUrl);
        try (Connection connection = PostgresJdbc.connect(jdbcUrl, config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"), 10);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            assertTrue(rs.next());
            assertEquals("catalog", rs.getString(1));
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers")))) {
            assertFalse(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty());
        }

        SampleTest test = new SampleTest();
        resource.inject(new FieldInjector(test));
        assertSame(TestInfrastructures.shared(), test.infrastructure);
        assertNull(test.notAnnotated);
        assertTrue(test.infrastructure.supportsKafkaRestart());

        resource.stop();
        assertEquals(config, resource.start(), "a second application gets the same servers");
    }

    @Test
    void anotherClassLoaderSharesTheSameServers() throws Exception {
        TestInfrastructure mine = TestInfrastructures.shared();
        try (URLClassLoader isolated = new URLClassLoader(testClasspath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> foreignAccessor = isolated.loadClass(TestInfrastructures.class.getName());
            Class<?> foreignInterface = isolated.loadClass(TestInfrastructure.class.getName());
            assertNotSame(TestInfrastructures.class, foreignAccessor);

            Object foreign = foreignAccessor.getMethod("shared").invoke(null);
            assertTrue(foreignInterface.isInstance(foreign));
            assertEquals(mine.jdbcUrl("x"), foreignInterface.getMethod("jdbcUrl", String.class).invoke(foreign, "x"));
            assertEquals(mine.kafkaBootstrapServers(),
                    foreignInterface.getMethod("kafkaBootstrapServers").invoke(foreign));

            // A test class seen through the other class loader gets a proxy of its own interface type.
            Object foreignTest = isolated.loadClass(SampleTest.class.getName()).getDeclaredConstructor().newInstance();
            new InfraTestResource().inject(new FieldInjector(foreignTest));
            Field field = foreignTest.getClass().getDeclaredField("infrastructure");
            field.setAccessible(true);
            Object injected = field.get(foreignTest);
            assertTrue(foreignInterface.isInstance(injected));
            assertEquals(mine.username(), foreignInterface.getMethod("username").invoke(injected));
        }
    }

    private static URL[] testClasspath() throws MalformedURLException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Stands in for a test class. */
    public static class SampleTest {
        @InjectInfrastructure
        TestInfrastructure infrastructure;

        TestInfrastructure notAnnotated;

        public SampleTest() {
        }
    }

    /** Sets fields like Quarkus's own injector does. */
    private record FieldInjector(Object testInstance) implements TestInjector {
        @Override
        public void injectIntoFields(Object value, Predicate<Field> predicate) {
            for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (predicate.test(field)) {
                        field.setAccessible(true);
                        try {
                            field.set(testInstance, value);
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        }
    }
}
