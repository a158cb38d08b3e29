package dev.sneakerqc.catalog.service;

import dev.sneakerqc.catalog.domain.Factory;
import dev.sneakerqc.catalog.persistence.FactoryRepository;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Registers factories and looks them up. */
@ApplicationScoped
public class FactoryService {

    private final FactoryRepository factories;
    private final Clock clock;

    public FactoryService(FactoryRepository factories, Clock clock) {
        this.factories = factories;
        this.clock = clock;
    }

    @Transactional
    public Factory register(String code, String name, String city, String region, String country) {
        if (factories.findByIdOptional(code).isPresent()) {
            throw Problems.conflict("a factory with code " + code + " is already registered", Map.of("code", code));
        }
        Factory factory = new Factory(code, name.strip(), city.strip(), region.strip(), country, clock.instant());
        factories.persist(factory);
        return factory;
    }

    public List<Factory> list() {
        return factories.listByCode();
    }

    public Factory get(String code) {
        return factories.findByIdOptional(code).orElseThrow(() -> Problems.notFound("factory", code));
    }
}
