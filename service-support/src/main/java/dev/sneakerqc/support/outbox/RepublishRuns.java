package dev.sneakerqc.support.outbox;

import dev.sneakerqc.support.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code republish_run} table: each republish's progress, readable from every instance. */
@ApplicationScoped
public class RepublishRuns {

    /**
     * A republish as recorded.
     *
     * @param id           the run
     * @param fromSequence its start by per-aggregate sequence
     * @param fromTime     or by time
     * @param aggregateId  its one aggregate, if any
     * @param status       RUNNING, DONE or FAILED
     * @param eventsSent   events sent and acknowledged
     * @param eventsTotal  events to send
     * @param startedAt    when it started
     * @param updatedAt    when its progress was last recorded
     * @param finishedAt   when it ended
     * @param error        why it failed
     */
    public record Run(UUID id, Long fromSequence, Instant fromTime, String aggregateId, String status, long eventsSent,
                      long eventsTotal, Instant startedAt, Instant updatedAt, Instant finishedAt, String error) {
    }

    private final EntityManager entityManager;

    public RepublishRuns(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void started(UUID id, OutboxRepublisher.Request request, long total) {
        entityManager.createNativeQuery("""
                        insert into republish_run (id, from_sequence, from_time, aggregate_id, status, events_total,
                                                   started_at, updated_at)
                        values (?1, ?2, ?3, ?4, 'RUNNING', ?5, now(), now())""")
                .setParameter(1, id)
                .setParameter(2, request.fromSequence())
                .setParameter(3, request.fromTime() == null ? null
                        : OffsetDateTime.ofInstant(request.fromTime(), java.time.ZoneOffset.UTC))
                .setParameter(4, request.aggregateId())
                .setParameter(5, total)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void progress(UUID id, long sent, long total) {
        entityManager.createNativeQuery(
                        "update republish_run set events_sent = ?2, events_total = ?3, updated_at = now() where id = ?1")
                .setParameter(1, id).setParameter(2, sent).setParameter(3, total).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void done(UUID id, long sent) {
        entityManager.createNativeQuery("""
                        update republish_run set status = 'DONE', events_sent = ?2, events_total = ?2,
                               updated_at = now(), finished_at = now() where id = ?1""")
                .setParameter(1, id).setParameter(2, sent).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void failed(UUID id, long sent, String error) {
        entityManager.createNativeQuery("""
                        update republish_run set status = 'FAILED', events_sent = ?2, error = ?3, updated_at = now(),
                               finished_at = now() where id = ?1""")
                .setParameter(1, id).setParameter(2, sent).setParameter(3, error).executeUpdate();
    }

    @Transactional
    public Optional<Run> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, from_sequence, from_time, aggregate_id, status, events_sent, events_total,
                               started_at, updated_at, finished_at, error
                          from republish_run where id = ?1""")
                .setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Run((UUID) row[0],
                row[1] == null ? null : ((Number) row[1]).longValue(), SqlValues.instant(row[2]), (String) row[3],
                (String) row[4], ((Number) row[5]).longValue(), ((Number) row[6]).longValue(), SqlValues.instant(row[7]),
                SqlValues.instant(row[8]), SqlValues.instant(row[9]), (String) row[10]));
    }

}
