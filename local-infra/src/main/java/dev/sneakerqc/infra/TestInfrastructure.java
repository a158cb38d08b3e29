package dev.sneakerqc.infra;

/**
 * The PostgreSQL server and Kafka broker that service tests run against, wherever they come from: embedded
 * processes, Testcontainers, or servers named by environment variables (see {@link TestInfrastructures}).
 * <p>
 * Every method takes and returns only JDK types, so that an instance can be shared across class loaders
 * (see {@link TestInfrastructures#shared()}).
 */
public interface TestInfrastructure {

    /** JDBC URL of {@code database} on the PostgreSQL server; create it first with {@link #createDatabase}. */
    String jdbcUrl(String database);

    /** PostgreSQL user to connect as. */
    String username();

    /** PostgreSQL password of {@link #username()}. */
    String password();

    /** Kafka {@code bootstrap.servers} value. */
    String kafkaBootstrapServers();

    /** Creates {@code database} unless it already exists. */
    void createDatabase(String database);

    /**
     * Makes the Kafka broker unavailable, keeping its address and data, to test how a service copes with an outage.
     *
     * @throws UnsupportedOperationException if {@link #supportsKafkaRestart()} is false
     */
    void stopKafka();

    /**
     * Brings the broker back after {@link #stopKafka()}, on the same address with the same data.
     *
     * @throws UnsupportedOperationException if {@link #supportsKafkaRestart()} is false
     */
    void startKafka();

    /** Whether {@link #stopKafka()} and {@link #startKafka()} work here (not for external servers). */
    boolean supportsKafkaRestart();
}
