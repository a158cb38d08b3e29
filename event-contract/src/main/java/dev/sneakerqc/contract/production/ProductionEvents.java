package dev.sneakerqc.contract.production;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventType;
import dev.sneakerqc.contract.TimeOrderedIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    /**
     * The events of a batch planned as {@code planned} and then walked through every stage in order, as the
     * catalog emits them: BatchPlanned (sequence 1), then one BatchStageCompleted per stage (2 to 6), the last
     * putting it IN_QC. All occur at {@code at}; event ids are random. For tools and tests that stand in for the
     * catalog.
     */
    public static List<EventEnvelope> finishedBatch(UUID batchId, BatchPlanned planned, Instant at) {
        List<EventEnvelope> events = new ArrayList<>(1 + ProductionStage.values().length);
        events.add(EventEnvelope.wrap(BATCH_PLANNED, TimeOrderedIds.next(), at, batchId, 1, planned));
        ProductionStage previous = null;
        long sequence = 2;
        for (ProductionStage stage : ProductionStage.values()) {
            BatchStatus status = stage == ProductionStage.FINISHED ? BatchStatus.IN_QC : BatchStatus.IN_PRODUCTION;
            events.add(EventEnvelope.wrap(BATCH_STAGE_COMPLETED, TimeOrderedIds.next(), at, batchId, sequence++,
                    new BatchStageCompleted(planned.batchNumber(), planned.styleCode(), planned.factoryCode(), stage,
                            previous, status)));
            previous = stage;
        }
        return events;
    }
}
