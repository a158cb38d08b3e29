package dev.sneakerqc.qc.replay;

import dev.sneakerqc.support.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code replay_run} table: each replay's progress, readable from every instance. */
@ApplicationScoped
public class ReplayRuns {

    /**
     * A replay as recorded.
     *
     * @param id            the replay
     * @param scope         ALL or BATCH
     * @param batchId       the batch of a BATCH replay
     * @param status        RUNNING, SWITCHING, DONE or FAILED
     * @param phase         what it is doing
     * @param eventsApplied records read and applied so far
     * @param eventsTotal   records to read in all
     * @param startedAt     when it started
     * @param updatedAt     when its progress was last recorded
     * @param finishedAt    when it ended
     * @param error         why it failed
     */
    public record Run(UUID id, String scope, UUID batchId, String status, String phase, long eventsApplied,
                      long eventsTotal, Instant startedAt, Instant updatedAt, Instant finishedAt, String error) {
    }

    private final EntityManager entityManager;

    public ReplayRuns(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void started(UUID id, UUID batchId) {
        entityManager.createNativeQuery("""
                        insert into replay_run (id, scope, batch_id, status, phase, started_at, updated_at)
                        values (?1, ?2, ?3, 'RUNNING', 'starting', now(), now())""")
                .setParameter(1, id)
                .setParameter(2, batchId == null ? "ALL" : "BATCH")
                .setParameter(3, batchId)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(UUID id, String status, String phase, long applied, long total) {
        entityManager.createNativeQuery("""
                        update replay_run set status = ?2, phase = ?3, events_applied = ?4, events_total = ?5,
                               updated_at = now() where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, status)
                .setParameter(3, phase)
                .setParameter(4, applied)
                .setParameter(5, total)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(UUID id, String error) {
        entityManager.createNativeQuery("""
                        update replay_run set status = 'FAILED', phase = 'failed', error = ?2, updated_at = now(),
                               finished_at = now() where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, error)
                .executeUpdate();
    }

    @Transactional
    public Optional<Run> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, scope, batch_id, status, phase, events_applied, events_total, started_at,
                               updated_at, finished_at, error
                          from replay_run where id = ?1""")
                .setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Run((UUID) row[0], (String) row[1], (UUID) row[2],
                (String) row[3], (String) row[4], ((Number) row[5]).longValue(), ((Number) row[6]).longValue(),
                SqlValues.instant(row[7]), SqlValues.instant(row[8]), SqlValues.instant(row[9]), (String) row[10]));
    }


    static String finishSql() {
        return "update replay_run set status = 'DONE', phase = 'done', events_applied = ?, events_total = ?, "
                + "updated_at = now(), finished_at = now() where id = ?";
    }
}
