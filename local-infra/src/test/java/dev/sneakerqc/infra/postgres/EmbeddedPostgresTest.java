package dev.sneakerqc.infra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.sneakerqc.infra.support.Directories;

class EmbeddedPostgresTest {

    @Test
    void startsARealServerAndCreatesDatabases() throws Exception {
        Path dataDirectory;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .settings(EmbeddedPostgres.FAST_TEST_SETTINGS).build().start()) {
            dataDirectory = postgres.dataDirectory();
            assertTrue(postgres.isRunning());
            try (Connection connection = postgres.connect("postgres")) {
                String version = queryString(connection, "SELECT version()");
                int versionNum = Integer.parseInt(queryString(connection, "SHOW server_version_num"));
                assertTrue(version.startsWith("PostgreSQL "), version);
                assertTrue(versionNum >= 160000, "server_version_num " + versionNum);
                assertEquals("off", queryString(connection, "SHOW fsync"));
            }

            postgres.createDatabase("shop");
            postgres.createDatabase("shop");
            try (Connection connection = postgres.connect("shop")) {
                assertEquals("shop", queryString(connection, "SELECT current_database()"));
            }
            assertEquals("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/shop", postgres.jdbcUrl("shop"));

            postgres.stop();
            assertFalse(postgres.isRunning());
            assertTrue(Files.exists(dataDirectory.resolve("PG_VERSION")), "stop keeps the data");
        }
        assertFalse(Files.exists(dataDirectory), "close deletes a temporary data directory");
    }

    @Test
    void keptDataDirectorySurvivesARestart() throws Exception {
        Path parent = Directories.createTemp("embedded-postgres-test-");
        try {
            Path dataDirectory = parent.resolve("pgdata");
            try (EmbeddedPostgres first = EmbeddedPostgres.builder().dataDirectory(dataDirectory)
                    .settings(EmbeddedPostgres.FAST_TEST_SETTINGS).build().start();
                 Connection connection = first.connect("postgres");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE shoe (model text)");
                statement.execute("INSERT INTO shoe VALUES ('runner'), ('court')");
            }
            assertTrue(Files.exists(dataDirectory.resolve("PG_VERSION")), "close keeps a configured data directory");

            try (EmbeddedPostgres second = EmbeddedPostgres.builder().dataDirectory(dataDirectory)
                    .settings(EmbeddedPostgres.FAST_TEST_SETTINGS).build().start();
                 Connection connection = second.connect("postgres")) {
                assertEquals("2", queryString(connection, "SELECT count(*) FROM shoe"));
            }
        } finally {
            Directories.deleteRecursively(parent);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
