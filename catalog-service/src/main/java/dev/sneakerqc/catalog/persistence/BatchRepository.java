package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.Batch;
import dev.sneakerqc.catalog.domain.StageCompletion;
import dev.sneakerqc.contract.production.BatchStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class BatchRepository implements PanacheRepositoryBase<Batch, UUID> {

    /**
     * Search criteria; null means any.
     *
     * @param status      batch status
     * @param factoryCode factory
     * @param styleCode   model
     * @param supplierLot a supplier lot number that went into the batch (the recall question)
     */
    public record Criteria(BatchStatus status, String factoryCode, String styleCode, String supplierLot) {
    }

    /** A page of results and the total count. */
    public record Result(List<Batch> items, long total) {
    }

    /** Loads a batch and locks its row until the transaction ends, so its changes happen one after another. */
    public Optional<Batch> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Result search(Criteria criteria, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (criteria.status() != null) {
            conditions.add("status = :status");
            parameters.and("status", criteria.status());
        }
        if (criteria.factoryCode() != null) {
            conditions.add("factoryCode = :factoryCode");
            parameters.and("factoryCode", criteria.factoryCode());
        }
        if (criteria.styleCode() != null) {
            conditions.add("styleCode = :styleCode");
            parameters.and("styleCode", criteria.styleCode());
        }
        if (criteria.supplierLot() != null) {
            conditions.add("id in (select b.id from Batch b join b.materialLots lot"
                    + " where lot.supplierLotNumber = :supplierLot)");
            parameters.and("supplierLot", criteria.supplierLot());
        }
        String where = String.join(" and ", conditions);
        Sort order = Sort.descending("plannedAt").and("id", Sort.Direction.Ascending);
        PanacheQuery<Batch> query = conditions.isEmpty() ? findAll(order) : find(where, order, parameters);
        List<Batch> items = query.page(Page.of(page, size)).list();
        return new Result(items, query.count());
    }

    /** Assigns the next number of the factory's batch counter for the year: 1, 2, 3, … */
    public int nextBatchNumber(String factoryCode, int year) {
        Object next = getEntityManager().createNativeQuery("""
                        insert into batch_number_counter (factory_code, year, last_value) values (?1, ?2, 1)
                        on conflict (factory_code, year)
                        do update set last_value = batch_number_counter.last_value + 1
                        returning last_value
                        """)
                .setParameter(1, factoryCode)
                .setParameter(2, year)
                .getSingleResult();
        return ((Number) next).intValue();
    }

    public List<StageCompletion> history(UUID batchId) {
        return getEntityManager()
                .createQuery("from StageCompletion where batchId = :batchId order by sequence", StageCompletion.class)
                .setParameter("batchId", batchId)
                .getResultList();
    }
}
