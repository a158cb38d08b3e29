package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.Factory;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class FactoryRepository implements PanacheRepositoryBase<Factory, String> {

    public List<Factory> listByCode() {
        return listAll(Sort.by("code"));
    }
}
