package dev.sneakerqc.catalog.config;

import dev.sneakerqc.contract.production.LabelPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

/** Catalog settings ({@code catalog.*}). */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    Label label();

    Consumer consumer();

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
