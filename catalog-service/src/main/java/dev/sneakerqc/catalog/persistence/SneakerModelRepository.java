package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.SneakerModel;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class SneakerModelRepository implements PanacheRepositoryBase<SneakerModel, String> {

    public List<SneakerModel> listByStyleCode() {
        return listAll(Sort.by("styleCode"));
    }
}
