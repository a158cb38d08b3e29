package dev.sneakerqc.qc.replay;

import dev.sneakerqc.support.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds the whole service (every instance) still while a replay rebuilds the QC state: a single database row
 * names the active replay. Every change to the QC state reads it with a share lock in its own transaction, so
 * taking the row for a replay waits for changes in flight, and changes after it are refused. A replay that stops
 * sending heartbeats for a minute (its instance died) no longer holds anything.
 */
@ApplicationScoped
public class ReplayGate {

    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    /** Lets changes through again; run on the connection whose transaction switches the rebuilt state in. */
    static final String RELEASE =
            "update qc_maintenance set active_replay = null, heartbeat_at = null where active_replay = ?";

    private final EntityManager entityManager;

    public ReplayGate(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Refuses the current transaction's change while a replay runs.
     *
     * @throws ReplayInProgressException when one does
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireNoReplay() {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                        "select active_replay, heartbeat_at from qc_maintenance where id = 1 for share")
                .getSingleResult();
        active(row).ifPresent(replay -> {
            throw new ReplayInProgressException(replay);
        });
    }

    /** The running replay, if any. */
    @Transactional
    public Optional<UUID> activeReplay() {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                "select active_replay, heartbeat_at from qc_maintenance where id = 1").getSingleResult();
        return active(row);
    }

    /** Takes the gate for a replay; false when another replay holds it. Waits for changes in flight. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean acquire(UUID replayId) {
        return entityManager.createNativeQuery("""
                        update qc_maintenance set active_replay = ?1, heartbeat_at = now()
                         where id = 1 and (active_replay is null or heartbeat_at < now() - make_interval(secs => ?2))""")
                .setParameter(1, replayId)
                .setParameter(2, (double) ABANDONED_AFTER.toSeconds())
                .executeUpdate() == 1;
    }

    /** Tells other instances the replay is alive. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void heartbeat(UUID replayId) {
        entityManager.createNativeQuery("update qc_maintenance set heartbeat_at = now() where active_replay = ?1")
                .setParameter(1, replayId)
                .executeUpdate();
    }


    private static Optional<UUID> active(Object[] row) {
        if (row[0] == null) {
            return Optional.empty();
        }
        Instant heartbeat = SqlValues.instant(row[1]);
        if (heartbeat != null && heartbeat.isBefore(Instant.now().minus(ABANDONED_AFTER))) {
            return Optional.empty();
        }
        return Optional.of((UUID) row[0]);
    }
}
