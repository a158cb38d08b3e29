package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.ProductionStage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchSnapshotTest {

    private static final Instant PLANNED = Instant.parse("2026-11-02T08:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-02T09:30:00Z");

    private static BatchSnapshot batch(BatchStatus status, ProductionStage stage, long lastEventSequence) {
        return new BatchSnapshot(UUID.fromString("7d4c7a4e-5b0e-4b7e-9d3c-2f1a7c5e9b01"), "SKO-2026-000042",
                "M990V6", "SKO", 1200, status, stage, Batch.expectedStage(status, stage),
                new LabelDecision(LabelStatus.MADE_IN_USA, LabelPolicy.NB_70, new BigDecimal("0.8200"), "82 %"),
                List.of(new MaterialLotLine(Component.OUTSOLE, "VIB-7781")), PLANNED, PLANNED, lastEventSequence);
    }

    @Test
    void theNextStageIsCompletedAndAnnouncedByTheNextEventInSequence() {
        StageChange change = batch(BatchStatus.PLANNED, null, 1).completeStage(ProductionStage.MATERIALS_SOURCED, LATER);

        BatchSnapshot after = change.after();
        assertThat(after.status()).isEqualTo(BatchStatus.IN_PRODUCTION);
        assertThat(after.stage()).isEqualTo(ProductionStage.MATERIALS_SOURCED);
        assertThat(after.nextStage()).isEqualTo(ProductionStage.PATTERN_CUT);
        assertThat(after.updatedAt()).isEqualTo(LATER);
        assertThat(after.lastEventSequence()).isEqualTo(2);
        assertThat(after.materialLots()).isEqualTo(change.before().materialLots());
        assertThat(change.before().stage()).isNull();
        assertThat(change.completion().batchId()).isEqualTo(after.id());
        assertThat(change.completion().stage()).isEqualTo(ProductionStage.MATERIALS_SOURCED);
        assertThat(change.completion().completedAt()).isEqualTo(LATER);
        assertThat(change.completion().sequence()).isEqualTo(2);
    }

    @Test
    void aChangeRefusesAHistoryRowOfAnotherBatch() {
        StageChange change = batch(BatchStatus.PLANNED, null, 1).completeStage(ProductionStage.MATERIALS_SOURCED, LATER);
        UUID other = UUID.fromString("0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

        assertThatThrownBy(() -> new StageChange(change.before(), change.after(),
                new StageCompletion(other, ProductionStage.MATERIALS_SOURCED, LATER, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(other.toString());
    }

    @Test
    void finishingSendsTheBatchToQcWhereItTakesNoMoreStages() {
        StageChange change = batch(BatchStatus.IN_PRODUCTION, ProductionStage.LASTED, 5)
                .completeStage(ProductionStage.FINISHED, LATER);

        assertThat(change.after().status()).isEqualTo(BatchStatus.IN_QC);
        assertThat(change.after().nextStage()).isNull();
        assertThat(change.completion().sequence()).isEqualTo(6);
        assertThatThrownBy(() -> change.after().completeStage(ProductionStage.FINISHED, LATER))
                .isInstanceOf(StageOutOfOrderException.class)
                .hasMessageContaining("no further stage can be completed");
    }

    @Test
    void aStageOutOfOrderIsRefused() {
        BatchSnapshot stitched = batch(BatchStatus.IN_PRODUCTION, ProductionStage.STITCHED, 4);

        assertThatThrownBy(() -> stitched.completeStage(ProductionStage.FINISHED, LATER))
                .isInstanceOf(StageOutOfOrderException.class)
                .hasMessageContaining("LASTED");
        assertThatThrownBy(() -> stitched.completeStage(ProductionStage.STITCHED, LATER))
                .isInstanceOf(StageOutOfOrderException.class);
    }
}
