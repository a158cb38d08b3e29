package dev.sneakerqc.infra;

import java.sql.Connection;
import java.sql.SQLException;

import dev.sneakerqc.infra.postgres.PostgresJdbc;

/**
 * {@link TestInfrastructure} of {@code infra=external}: servers someone else runs, named by the environment
 * variables {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code QUARKUS_DATASOURCE_USERNAME},
 * {@code QUARKUS_DATASOURCE_PASSWORD} and {@code KAFKA_BOOTSTRAP_SERVERS}. The broker cannot be restarted.
 */
final class ExternalInfrastructure implements TestInfrastructure {

    static final String JDBC_URL = "QUARKUS_DATASOURCE_JDBC_URL";
    static final String USERNAME = "QUARKUS_DATASOURCE_USERNAME";
    static final String PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";
    static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String bootstrapServers;

    ExternalInfrastructure(String jdbcUrl, String username, String password, String bootstrapServers) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.bootstrapServers = bootstrapServers;
    }

    static ExternalInfrastructure fromEnvironment() {
        return new ExternalInfrastructure(required(JDBC_URL), required(USERNAME),
                System.getenv().getOrDefault(PASSWORD, ""), required(BOOTSTRAP_SERVERS));
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("infra=external needs the environment variable " + variable
                    + " (also needed: " + JDBC_URL + ", " + USERNAME + ", " + PASSWORD + ", " + BOOTSTRAP_SERVERS + ")");
        }
        return value;
    }

    @Override
    public String jdbcUrl(String database) {
        return PostgresJdbc.withDatabase(jdbcUrl, database);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void createDatabase(String database) {
        try (Connection connection = PostgresJdbc.connect(jdbcUrl, username, password, 10)) {
            PostgresJdbc.createDatabaseIfMissing(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " through " + jdbcUrl, e);
        }
    }

    @Override
    public void stopKafka() {
        throw new UnsupportedOperationException("An external Kafka broker cannot be stopped by tests");
    }

    @Override
    public void startKafka() {
        throw new UnsupportedOperationException("An external Kafka broker cannot be started by tests");
    }

    @Override
    public boolean supportsKafkaRestart() {
        return false;
    }

    @Override
    public String toString() {
        return "external infrastructure (PostgreSQL " + jdbcUrl + ", Kafka " + bootstrapServers + ")";
    }
}
