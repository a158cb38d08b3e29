package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.qc.inspection.QcBatch;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class QcBatchRepository implements PanacheRepositoryBase<QcBatch, UUID> {
}
