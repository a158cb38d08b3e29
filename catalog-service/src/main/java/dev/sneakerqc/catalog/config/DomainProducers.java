package dev.sneakerqc.catalog.config;

import dev.sneakerqc.catalog.domain.MadeInUsaLabeling;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the domain's plain objects from configuration. */
@ApplicationScoped
public class DomainProducers {

    @Produces
    @ApplicationScoped
    MadeInUsaLabeling labeling(CatalogConfig config) {
        return new MadeInUsaLabeling(config.label().policy(), config.label().significantComponentShare());
    }
}
