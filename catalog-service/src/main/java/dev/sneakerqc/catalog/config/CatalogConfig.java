package dev.sneakerqc.catalog.config;

import dev.sneakerqc.contract.production.LabelPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;

/** Catalog settings ({@code catalog.*}). */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    Label label();

    Consumer consumer();

    BatchCacheSettings batchCache();

    ChangedBatchesSettings changedBatches();

    /**
     * Batches in production as this instance's last stage change of each left them, so that the next stage change
     * of such a batch needs no read ({@code dev.sneakerqc.catalog.persistence.ChangedBatches}).
     */
    interface ChangedBatchesSettings {
        /**
         * The most batches held; 0 holds none (every stage change reads its batch). A batch's own data (id, number,
         * times) takes about 0.3 KB of heap, what batches have alike is held once: 20,000 held added 16 MB to the
         * catalog's resident memory after the benchmark's writes.
         */
        @WithDefault("20000")
        int maxEntries();
    }

    /** The batches read by id, held in memory ({@code dev.sneakerqc.catalog.persistence.BatchCache}). */
    interface BatchCacheSettings {
        /** Whether batches read by id are held at all. */
        @WithDefault("true")
        boolean enabled();

        /** The most batches held: about 0.3 KB of heap each. */
        @WithDefault("100000")
        int maxEntries();

        /**
         * The longest an event may wait in the outbox before held batches stop being served: a change made
         * through another instance reaches this one's cache only through its event.
         */
        @WithDefault("1s")
        Duration maxOutboxDelay();
    }

    interface Consumer {
        /** Consumer group on qc-events; instances of the catalog share it. */
        @WithDefault("catalog-service")
        String groupId();

        /** Whether this instance consumes QC verdicts at all. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Label {
        /** The "Made in USA" rule: {@code NB_70} (company policy, 70 %) or {@code FTC_ALL_OR_VIRTUALLY_ALL}. */
        @WithDefault("NB_70")
        LabelPolicy policy();

        /**
         * Under the FTC policy, a bill-of-materials line is a significant component when its value is at least
         * this share of the pair's total value; every significant component must be of US origin.
         */
        @WithDefault("0.01")
        BigDecimal significantComponentShare();
    }
}
