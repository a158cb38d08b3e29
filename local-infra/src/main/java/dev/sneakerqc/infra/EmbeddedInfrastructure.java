package dev.sneakerqc.infra;

import dev.sneakerqc.infra.kafka.KafkaBroker;
import dev.sneakerqc.infra.postgres.EmbeddedPostgres;

/**
 * {@link TestInfrastructure} of {@code infra=embedded}: an {@link EmbeddedPostgres} with the fast test settings
 * and a {@link KafkaBroker}, both in temporary directories, started in parallel.
 */
final class EmbeddedInfrastructure implements TestInfrastructure, AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final KafkaBroker kafka;

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static EmbeddedInfrastructure start() {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().settings(EmbeddedPostgres.FAST_TEST_SETTINGS).build();
        KafkaBroker kafka = KafkaBroker.builder().build();
        Thread kafkaStarter = Thread.ofPlatform().name("kafka-broker-start").unstarted(kafka::start);
        RuntimeException[] kafkaFailure = new RuntimeException[1];
        kafkaStarter.setUncaughtExceptionHandler((thread, e) -> kafkaFailure[0] = e instanceof RuntimeException r
                ? r : new IllegalStateException("Starting the Kafka broker failed", e));
        kafkaStarter.start();
        try {
            postgres.start();
        } catch (RuntimeException e) {
            joinQuietly(kafkaStarter);
            kafka.close();
            throw e;
        }
        joinQuietly(kafkaStarter);
        if (kafkaFailure[0] != null) {
            postgres.close();
            kafka.close();
            throw kafkaFailure[0];
        }
        return new EmbeddedInfrastructure(postgres, kafka);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded infrastructure", e);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String username() {
        return postgres.username();
    }

    @Override
    public String password() {
        return postgres.password();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void createDatabase(String database) {
        postgres.createDatabase(database);
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.start();
    }

    @Override
    public boolean supportsKafkaRestart() {
        return true;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    @Override
    public String toString() {
        return "embedded infrastructure (PostgreSQL " + postgres.jdbcUrl("") + ", Kafka " + kafka.bootstrapServers() + ")";
    }
}
