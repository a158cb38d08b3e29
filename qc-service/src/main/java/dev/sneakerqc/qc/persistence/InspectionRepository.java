package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InspectionRepository implements PanacheRepositoryBase<Inspection, UUID> {

    /** A page of inspections and the total count. */
    public record Result(List<Inspection> items, long total) {
    }

    /** Loads an inspection and locks it until the transaction ends, so its changes happen one after another. */
    public Optional<Inspection> findForUpdate(UUID batchId) {
        return findByIdOptional(batchId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Loads the inspections with these ids and locks them until the transaction ends, in one statement and in
     * the order of their ids (so that two transactions locking overlapping sets cannot deadlock).
     */
    public List<Inspection> findAllForUpdate(Collection<UUID> batchIds) {
        return getEntityManager().createQuery("from Inspection where batchId in :ids order by batchId",
                        Inspection.class)
                .setParameter("ids", batchIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * Inspections waiting for their profile whose next attempt is due, oldest first. In SQL, not HQL: the inspection
     * opener runs it as a service starts, and it would otherwise be the first HQL the service parses, alongside
     * the end of its start.
     */
    public List<UUID> awaitingProfileDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        select batch_id from inspection
                         where status = ?1 and (next_profile_attempt_at is null or next_profile_attempt_at <= ?2)
                         order by finished_at""", UUID.class)
                .setParameter(1, InspectionStatus.AWAITING_PROFILE.name())
                .setParameter(2, now)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The held inspections of batches of a stream. */
    public List<Inspection> heldInStream(String factoryCode, String line) {
        return getEntityManager().createQuery("""
                        select i from Inspection i, QcBatch b
                         where b.batchId = i.batchId and i.status = :status
                           and b.factoryCode = :factoryCode and b.line = :line
                         order by i.finishedAt""", Inspection.class)
                .setParameter("status", InspectionStatus.ON_HOLD)
                .setParameter("factoryCode", factoryCode)
                .setParameter("line", line)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    public Result search(InspectionStatus status, int page, int size) {
        Sort order = Sort.descending("finishedAt").and("batchId", Sort.Direction.Ascending);
        PanacheQuery<Inspection> query = status == null ? findAll(order)
                : find("status = :status", order, Parameters.with("status", status));
        return new Result(query.page(Page.of(page, size)).list(), query.count());
    }
}
