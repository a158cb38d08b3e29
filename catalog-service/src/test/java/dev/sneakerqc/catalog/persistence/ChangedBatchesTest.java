package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.MaterialLotLine;
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

class ChangedBatchesTest {

    private static final Instant PLANNED = Instant.parse("2026-12-04T08:00:00Z");

    @Test
    void holdsABatchAsItsLastChangeLeftIt() {
        ChangedBatches changed = new ChangedBatches(3);
        BatchSnapshot planned = planned(UUID.randomUUID());
        BatchSnapshot sourced = planned.completeStage(ProductionStage.MATERIALS_SOURCED, PLANNED).after();
        BatchSnapshot cut = sourced.completeStage(ProductionStage.PATTERN_CUT, PLANNED).after();

        changed.changed(sourced);
        changed.changed(cut);

        assertThat(changed.find(planned.id())).contains(cut);
        assertThat(changed.size()).isEqualTo(1);
    }

    @Test
    void aLaterChangeAnnouncedLetsTheBatchGo() {
        ChangedBatches changed = new ChangedBatches(3);
        BatchSnapshot sourced = planned(UUID.randomUUID()).completeStage(ProductionStage.MATERIALS_SOURCED, PLANNED)
                .after();
        changed.changed(sourced);

        changed.changed(sourced.id(), sourced.lastEventSequence()); // its own change, announced by the feed
        assertThat(changed.find(sourced.id())).contains(sourced);

        changed.changed(sourced.id(), sourced.lastEventSequence() + 1); // another instance's change
        assertThat(changed.find(sourced.id())).isEmpty();
    }

    @Test
    void aBatchThatTakesNoMoreStagesIsNotHeld() {
        ChangedBatches changed = new ChangedBatches(3);
        BatchSnapshot batch = planned(UUID.randomUUID());
        for (ProductionStage stage : ProductionStage.values()) {
            batch = batch.completeStage(stage, PLANNED).after();
            changed.changed(batch);
        }

        assertThat(batch.status()).isEqualTo(BatchStatus.IN_QC);
        assertThat(changed.find(batch.id())).isEmpty();
        assertThat(changed.size()).isZero();
    }

    @Test
    void whenFullTheBatchChangedLongestAgoGoes() {
        ChangedBatches changed = new ChangedBatches(2);
        BatchSnapshot first = sourced(UUID.randomUUID());
        BatchSnapshot second = sourced(UUID.randomUUID());
        BatchSnapshot third = sourced(UUID.randomUUID());
        changed.changed(first);
        changed.changed(second);
        changed.changed(first.completeStage(ProductionStage.PATTERN_CUT, PLANNED).after()); // first is newest now

        changed.changed(third);

        assertThat(changed.find(second.id())).isEmpty();
        assertThat(changed.find(first.id())).isPresent();
        assertThat(changed.find(third.id())).isPresent();
    }

    @Test
    void noneHeldWithNoRoom() {
        ChangedBatches changed = new ChangedBatches(0);
        BatchSnapshot batch = sourced(UUID.randomUUID());

        changed.changed(batch);

        assertThat(changed.find(batch.id())).isEmpty();
        assertThatThrownBy(() -> new ChangedBatches(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatBatchesHaveAlikeIsHeldOnce() {
        ChangedBatches changed = new ChangedBatches(3);
        BatchSnapshot first = sourced(UUID.randomUUID(), "BR-2211");
        BatchSnapshot second = sourced(UUID.randomUUID(), "BR-2211");
        BatchSnapshot third = sourced(UUID.randomUUID(), "BR-2212");

        changed.changed(first);
        changed.changed(second);
        changed.changed(third);

        BatchSnapshot heldFirst = changed.find(first.id()).orElseThrow();
        BatchSnapshot heldSecond = changed.find(second.id()).orElseThrow();
        BatchSnapshot heldThird = changed.find(third.id()).orElseThrow();
        assertThat(heldSecond.styleCode()).isSameAs(heldFirst.styleCode());
        assertThat(heldSecond.label()).isSameAs(heldFirst.label());
        assertThat(heldSecond.materialLots()).isSameAs(heldFirst.materialLots());
        assertThat(heldThird.materialLots()).isNotSameAs(heldFirst.materialLots());
        assertThat(heldThird.materialLots().getFirst().supplierLotNumber()).isEqualTo("BR-2212");
        assertThat(heldSecond).usingRecursiveComparison().isEqualTo(second);
    }

    private static BatchSnapshot sourced(UUID id, String lotNumber) {
        // Each batch with its own copies, as read from the database.
        BatchSnapshot batch = new BatchSnapshot(id, "OR1-2026-000002", new String("ST100"), new String("OR1"), 600,
                BatchStatus.PLANNED, null, ProductionStage.first(), new LabelDecision(LabelStatus.MADE_IN_USA,
                LabelPolicy.NB_70, new BigDecimal("0.8000"), new String("made in the US of 80 % US value")),
                List.of(new MaterialLotLine(Component.OUTSOLE, new String(lotNumber))), PLANNED, PLANNED, 1);
        return batch.completeStage(ProductionStage.MATERIALS_SOURCED, PLANNED).after();
    }

    private static BatchSnapshot sourced(UUID id) {
        return planned(id).completeStage(ProductionStage.MATERIALS_SOURCED, PLANNED).after();
    }

    private static BatchSnapshot planned(UUID id) {
        return new BatchSnapshot(id, "OR1-2026-000001", "ST100", "OR1", 600, BatchStatus.PLANNED, null,
                ProductionStage.first(), new LabelDecision(null, null, null, null), List.of(), PLANNED, PLANNED, 1);
    }
}
