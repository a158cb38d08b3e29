package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.QcProfileVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
public class QcProfileRepository implements PanacheRepositoryBase<QcProfileVersion, QcProfileVersion.Key> {

    public Optional<QcProfileVersion> latest(String styleCode) {
        return find("styleCode = ?1 order by version desc", styleCode).firstResultOptional();
    }

    public Optional<QcProfileVersion> version(String styleCode, int version) {
        return findByIdOptional(new QcProfileVersion.Key(styleCode, version));
    }
}
