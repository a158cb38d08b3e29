package dev.sneakerqc.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of the system under test, reached as a user allowed to create databases (the local stack's
 * superuser {@code postgres}). The catalog's and QC's databases are read with it, and the scratch databases of
 * pgbench and of the ingest runs are created with it.
 *
 * @param host     server host
 * @param port     server port
 * @param user     user
 * @param password password
 */
public record Database(String host, int port, String user, String password) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?(?:/.*)?");

    /** From {@code jdbc:postgresql://host:port/anything}. */
    public static Database of(String jdbcUrl, String user, String password) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl
                    + " (expected jdbc:postgresql://host:port/database)");
        }
        return new Database(matcher.group(1), matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2)),
                user, password);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Drops {@code database} if it exists (closing its sessions) and creates it empty. */
    public void recreate(String database) {
        drop(database);
        execute("postgres", "create database " + database);
    }

    public void drop(String database) {
        execute("postgres", "drop database if exists " + database + " with (force)");
    }

    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new BenchFailure("SQL failed on " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** The single number {@code sql} returns. */
    public long number(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new BenchFailure("SQL failed on " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }
}
