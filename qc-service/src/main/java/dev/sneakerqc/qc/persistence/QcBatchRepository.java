package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.qc.inspection.QcBatch;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
public class QcBatchRepository implements PanacheRepositoryBase<QcBatch, UUID> {

    /** The batches with these ids that exist, in one query, by id (a map the caller may add to). */
    public Map<UUID, QcBatch> byIds(Collection<UUID> batchIds) {
        Map<UUID, QcBatch> found = new HashMap<>();
        if (batchIds.isEmpty()) {
            return found;
        }
        List<QcBatch> loaded = getEntityManager().unwrap(Session.class).byMultipleIds(QcBatch.class)
                .multiLoad(List.copyOf(batchIds));
        loaded.stream().filter(Objects::nonNull).forEach(batch -> found.put(batch.batchId(), batch));
        return found;
    }
}
