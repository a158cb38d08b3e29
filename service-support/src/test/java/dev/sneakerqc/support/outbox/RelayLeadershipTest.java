package dev.sneakerqc.support.outbox;

import dev.sneakerqc.infra.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Only one instance relays the outbox at a time; leadership passes on when the leader's session ends. */
class RelayLeadershipTest {

    private static final long LOCK = ("outbox-relay:test").hashCode();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgres.builder().settings(EmbeddedPostgres.FAST_TEST_SETTINGS).build().start();
        postgres.createDatabase("relay");
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void aSecondInstanceWaitsUntilTheLeaderIsGone() throws Exception {
        Optional<RelayConnection> leader = acquire();
        assertThat(leader).isPresent();
        assertThat(acquire()).as("second instance while the first leads").isEmpty();

        leader.get().close();
        Optional<RelayConnection> successor = acquire();
        assertThat(successor).as("second instance after the first left").isPresent();
        successor.get().close();
    }

    private static Optional<RelayConnection> acquire() throws Exception {
        return RelayConnection.tryAcquire(postgres.jdbcUrl("relay"), postgres.username(), postgres.password(), LOCK);
    }
}
