package dev.sneakerqc.infra.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.Driver;

/**
 * Small JDBC helpers for PostgreSQL used by all kinds of test infrastructure: connecting without
 * {@link java.sql.DriverManager} (which is picky about class loaders in test frameworks), creating a database
 * idempotently, and pointing a JDBC URL at another database.
 */
public final class PostgresJdbc {

    private static final String DUPLICATE_DATABASE = "42P04";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private PostgresJdbc() {
    }

    /** Opens a connection; {@code password} may be null. */
    public static Connection connect(String jdbcUrl, String user, String password, int timeoutSeconds)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("socketTimeout", "60");
        Connection connection = new Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    /**
     * Creates database {@code name} unless it exists. Safe to call concurrently: a lost race
     * ("already exists") counts as success.
     */
    public static void createDatabaseIfMissing(Connection connection, String name) throws SQLException {
        createDatabaseIfMissing(connection, name, null);
    }

    /** Like {@link #createDatabaseIfMissing(Connection, String)}, owned by role {@code owner} unless it is null. */
    public static void createDatabaseIfMissing(Connection connection, String name, String owner) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + quoteIdentifier(name)
                    + (owner == null ? "" : " OWNER " + quoteIdentifier(owner)));
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** Creates a login role {@code name} with {@code password} unless a role of that name exists. */
    public static void createLoginRoleIfMissing(Connection connection, String name, String password)
            throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE ROLE " + quoteIdentifier(name) + " LOGIN PASSWORD '" + password.replace("'", "''")
                    + "'");
        }
    }

    /** {@code jdbcUrl} with its database replaced by {@code database}; host, port and parameters are kept. */
    public static String withDatabase(String jdbcUrl, String database) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + jdbcUrl);
        }
        String query = m.group(3) == null ? "" : m.group(3);
        return m.group(1) + "/" + database + query;
    }

    /** The database named in {@code jdbcUrl}, or {@code null} if there is none. */
    public static String databaseOf(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches() || m.group(2) == null || m.group(2).length() <= 1) {
            return null;
        }
        return m.group(2).substring(1);
    }

    /** A double-quoted SQL identifier. */
    static String quoteIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Database name must not be empty");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
