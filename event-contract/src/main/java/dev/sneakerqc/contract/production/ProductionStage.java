package dev.sneakerqc.contract.production;

import java.util.Optional;

/**
 * The production stages a batch passes, in this order and no other. QC durability testing follows
 * {@link #FINISHED}.
 */
public enum ProductionStage {
    /** Leather, mesh, rubber, foam, laces and eyelets received as supplier lots. */
    MATERIALS_SOURCED,
    /** Panels cut from the patterns. */
    PATTERN_CUT,
    /** Panels sewn (or heat-welded) into the upper. */
    STITCHED,
    /** Upper shaped on the last and joined to midsole and outsole. */
    LASTED,
    /** Eyelets, logos, final visual checks and packing done; the batch goes to QC. */
    FINISHED;

    /** The first stage of every batch. */
    public static ProductionStage first() {
        return MATERIALS_SOURCED;
    }

    /** The stage that must follow this one, empty after {@link #FINISHED}. */
    public Optional<ProductionStage> next() {
        ProductionStage[] all = values();
        return ordinal() + 1 < all.length ? Optional.of(all[ordinal() + 1]) : Optional.empty();
    }
}
