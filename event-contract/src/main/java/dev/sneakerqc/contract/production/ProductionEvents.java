package dev.sneakerqc.contract.production;

import dev.sneakerqc.contract.EventType;

import java.util.List;

/** The event types on {@code production-events}, at the schema versions the catalog currently emits. */
public final class ProductionEvents {

    public static final EventType<BatchPlanned> BATCH_PLANNED =
            new EventType<>("BatchPlanned", 1, BatchPlanned.class);
    public static final EventType<BatchStageCompleted> BATCH_STAGE_COMPLETED =
            new EventType<>("BatchStageCompleted", 1, BatchStageCompleted.class);

    public static final EventType<BatchQcOutcome> BATCH_RELEASED =
            new EventType<>("BatchReleased", 1, BatchQcOutcome.class);
    public static final EventType<BatchQcOutcome> BATCH_REJECTED =
            new EventType<>("BatchRejected", 1, BatchQcOutcome.class);

    /** Every type a consumer of the topic must understand. */
    public static final List<EventType<?>> ALL =
            List.of(BATCH_PLANNED, BATCH_STAGE_COMPLETED, BATCH_RELEASED, BATCH_REJECTED);

    /** The CloudEvents {@code ce_source} of the catalog's events. */
    public static final String SOURCE = "/sneakerqc/catalog-service";

    private ProductionEvents() {
    }
}
