package dev.sneakerqc.infra;

import java.sql.Connection;
import java.sql.SQLException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import dev.sneakerqc.infra.postgres.PostgresJdbc;

/**
 * {@link TestInfrastructure} of {@code infra=containers}: PostgreSQL and Kafka in Docker containers through
 * Testcontainers. A broker outage is simulated by pausing the Kafka container. Only loaded when selected, so the
 * other kinds never touch Testcontainers.
 */
final class ContainersInfrastructure implements TestInfrastructure, AutoCloseable {

    static final String POSTGRES_IMAGE = "postgres:18-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private final PostgreSQLContainer<?> postgres;
    private final KafkaContainer kafka;

    private ContainersInfrastructure(PostgreSQLContainer<?> postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static ContainersInfrastructure start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE)
                .asCompatibleSubstituteFor("postgres"));
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        try {
            postgres.start();
            kafka.start();
        } catch (RuntimeException e) {
            kafka.stop();
            postgres.stop();
            throw e;
        }
        return new ContainersInfrastructure(postgres, kafka);
    }

    @Override
    public String jdbcUrl(String database) {
        return PostgresJdbc.withDatabase(postgres.getJdbcUrl(), database);
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public void createDatabase(String database) {
        try (Connection connection = PostgresJdbc.connect(postgres.getJdbcUrl(), username(), password(), 10)) {
            PostgresJdbc.createDatabaseIfMissing(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in the PostgreSQL container", e);
        }
    }

    @Override
    public void stopKafka() {
        DockerClientFactory.instance().client().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startKafka() {
        DockerClientFactory.instance().client().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public boolean supportsKafkaRestart() {
        return true;
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }

    @Override
    public String toString() {
        return "containers infrastructure (PostgreSQL " + postgres.getJdbcUrl() + ", Kafka " + kafka.getBootstrapServers() + ")";
    }
}
