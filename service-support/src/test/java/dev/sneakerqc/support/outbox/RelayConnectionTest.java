package dev.sneakerqc.support.outbox;

import dev.sneakerqc.infra.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's reads and marks of the outbox, against PostgreSQL. */
class RelayConnectionTest {

    private static final long LOCK = ("outbox-relay:connection-test").hashCode();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().settings(EmbeddedPostgres.FAST_TEST_SETTINGS).build().start();
        postgres.createDatabase("relay");
        try (Connection connection = postgres.connect("relay"); Statement statement = connection.createStatement()) {
            // The test server does not wait for flushes at all; this database's sessions do, as in production.
            statement.execute("alter database relay set synchronous_commit = on");
            for (Path migration : catalogMigrations()) {
                statement.execute(Files.readString(migration));
            }
            statement.execute("""
                    insert into outbox_event (event_id, topic, aggregate_id, aggregate_sequence, event_type,
                                              schema_version, occurred_at, payload)
                    select gen_random_uuid(), 'production-events', 'batch-1', n, 'BatchStageCompleted', 1, now(), '{}'
                      from generate_series(1, 4) n;
                    update outbox_event set last_error = 'broker away' where aggregate_sequence = 1;
                    """);
        }
    }

    /**
     * The outbox as a service creates it: the catalog's Flyway migrations, in version order (the qc-service's
     * create the same table).
     */
    private static List<Path> catalogMigrations() throws Exception {
        Path directory = Path.of("..", "catalog-service", "src", "main", "resources", "db", "migration");
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(file -> Integer.parseInt(
                            file.getFileName().toString().substring(1).split("__")[0])))
                    .toList();
        }
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void marksTheLastRoundAndReadsTheNextInOneStatement() throws Exception {
        try (RelayConnection relay = RelayConnection.tryAcquire(postgres.jdbcUrl("relay"), postgres.username(),
                postgres.password(), LOCK).orElseThrow()) {
            List<PendingEvent> first = relay.fetchPending(2);
            assertThat(first).extracting(PendingEvent::aggregateSequence).containsExactly(1L, 2L);

            Instant acknowledged = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<PendingEvent> second = relay.markPublishedAndFetchPending(positions(first), acknowledged, 10);

            assertThat(second).as("the next round leaves out the events it marks")
                    .extracting(PendingEvent::aggregateSequence).containsExactly(3L, 4L);
            assertThat(publishedAt()).containsExactly(acknowledged.toString(), acknowledged.toString(), null, null);
            assertThat(lastErrors()).as("a marked event's last error is cleared").containsOnlyNulls();

            Instant later = acknowledged.plusMillis(5);
            assertThat(relay.markPublishedAndFetchPending(positions(second), later, 10)).isEmpty();
            assertThat(publishedAt()).containsExactly(acknowledged.toString(), acknowledged.toString(),
                    later.toString(), later.toString());
            assertThat(relay.markPublishedAndFetchPending(List.of(), later, 10)).isEmpty();

            relay.markPublishedAndFetchPending(positions(first), later.plusSeconds(60), 10);
            relay.markPublished(positions(second), later.plusSeconds(60));
            assertThat(publishedAt()).as("an event marked already keeps its time (marked again after a lost session)")
                    .containsExactly(acknowledged.toString(), acknowledged.toString(), later.toString(),
                            later.toString());
        }
    }

    @Test
    void commitsItsMarksWithoutWaitingForTheFlushWhileOtherSessionsStillWait() throws Exception {
        try (RelayConnection relay = RelayConnection.tryAcquire(postgres.jdbcUrl("relay"), postgres.username(),
                postgres.password(), LOCK).orElseThrow()) {
            assertThat(relay.commitsWaitForTheFlush()).isFalse();

            try (Connection other = postgres.connect("relay"); Statement statement = other.createStatement();
                 ResultSet setting = statement.executeQuery("show synchronous_commit")) {
                setting.next();
                assertThat(setting.getString(1)).as("the database's other sessions").isEqualTo("on");
            }
        }
    }

    private static List<Long> positions(List<PendingEvent> events) {
        return events.stream().map(PendingEvent::position).toList();
    }

    private static List<String> publishedAt() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = postgres.connect("relay"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select published_at from outbox_event order by position")) {
            while (rows.next()) {
                OffsetDateTime value = rows.getObject(1, OffsetDateTime.class);
                values.add(value == null ? null : value.toInstant().toString());
            }
        }
        return values;
    }

    private static List<String> lastErrors() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = postgres.connect("relay"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select last_error from outbox_event order by position")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
