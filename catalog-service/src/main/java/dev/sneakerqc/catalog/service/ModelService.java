package dev.sneakerqc.catalog.service;

import dev.sneakerqc.catalog.domain.BomLine;
import dev.sneakerqc.catalog.domain.DomesticValue;
import dev.sneakerqc.catalog.domain.SneakerModel;
import dev.sneakerqc.catalog.persistence.SneakerModelRepository;
import dev.sneakerqc.contract.production.ModelCategory;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Registers and revises sneaker models and their bills of materials. */
@ApplicationScoped
public class ModelService {

    /** What a model says about itself; the style code is its identity. */
    public record Description(String name, String line, ModelCategory category, List<BomLine> billOfMaterials) {
    }

    private final SneakerModelRepository models;
    private final Clock clock;

    public ModelService(SneakerModelRepository models, Clock clock) {
        this.models = models;
        this.clock = clock;
    }

    @Transactional
    public SneakerModel register(String styleCode, Description description) {
        requirePositiveTotal(description);
        if (models.findByIdOptional(styleCode).isPresent()) {
            throw Problems.conflict("a model with style code " + styleCode + " is already registered",
                    Map.of("styleCode", styleCode));
        }
        SneakerModel model = new SneakerModel(styleCode, description.name().strip(), description.line().strip(),
                description.category(), description.billOfMaterials(), clock.instant());
        models.persist(model);
        return model;
    }

    @Transactional
    public SneakerModel revise(String styleCode, Description description) {
        requirePositiveTotal(description);
        SneakerModel model = get(styleCode);
        model.revise(description.name().strip(), description.line().strip(), description.category(),
                description.billOfMaterials(), clock.instant());
        return model;
    }

    public List<SneakerModel> list() {
        return models.listByStyleCode();
    }

    public SneakerModel get(String styleCode) {
        return models.findByIdOptional(styleCode).orElseThrow(() -> Problems.notFound("model", styleCode));
    }

    private static void requirePositiveTotal(Description description) {
        if (DomesticValue.of(description.billOfMaterials()).totalCents() <= 0) {
            throw Problems.invalid("billOfMaterials", "the total value of the lines must be greater than zero");
        }
    }
}
