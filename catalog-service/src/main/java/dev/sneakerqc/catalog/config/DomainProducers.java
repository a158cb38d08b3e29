package dev.sneakerqc.catalog.config;

import dev.sneakerqc.catalog.domain.MadeInUsaLabeling;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Wires the domain's plain objects from configuration. */
@ApplicationScoped
public class DomainProducers {

    @Produces
    @ApplicationScoped
    MadeInUsaLabeling labeling(CatalogConfig config) {
        return new MadeInUsaLabeling(config.label().policy(), config.label().significantComponentShare());
    }

    /** UTC, ticking in microseconds: the precision PostgreSQL keeps, so stored and published times agree. */
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }
}
