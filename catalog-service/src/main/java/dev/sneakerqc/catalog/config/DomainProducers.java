package dev.sneakerqc.catalog.config;

import dev.sneakerqc.catalog.domain.MadeInUsaLabeling;
import dev.sneakerqc.catalog.persistence.BatchCache;
import dev.sneakerqc.catalog.persistence.ChangedBatches;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires plain objects (the domain's, the batch cache) from configuration. */
@ApplicationScoped
public class DomainProducers {

    @Produces
    @ApplicationScoped
    MadeInUsaLabeling labeling(CatalogConfig config) {
        return new MadeInUsaLabeling(config.label().policy(), config.label().significantComponentShare());
    }

    @Produces
    @Singleton
    BatchCache batchCache(CatalogConfig config, MeterRegistry registry) {
        BatchCache cache = new BatchCache(config.batchCache().maxEntries(), System::nanoTime);
        Gauge.builder("batch.cache.entries", cache, BatchCache::size)
                .description("Batches held in memory for reads by id").register(registry);
        Gauge.builder("batch.cache.serving", cache, held -> held.isServing() ? 1 : 0)
                .description("1 while reads by id are answered from the batch cache, 0 while they go to the database")
                .register(registry);
        return cache;
    }

    @Produces
    @Singleton
    ChangedBatches changedBatches(CatalogConfig config, MeterRegistry registry) {
        ChangedBatches changed = new ChangedBatches(config.changedBatches().maxEntries());
        Gauge.builder("batch.changed.entries", changed, ChangedBatches::size)
                .description("Batches in production held as this instance last changed them, for their next stage")
                .register(registry);
        return changed;
    }
}
