package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.domain.Batch;
import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.MaterialLotLine;
import dev.sneakerqc.catalog.domain.StageCompletion;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.ProductionStage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the batches resource. */
public final class BatchDto {

    public static final int MAX_QUANTITY = 500_000;

    private BatchDto() {
    }

    /** A batch to plan. */
    public record PlanBatch(
            @NotBlank @Size(max = 32) String styleCode,
            @NotBlank @Size(max = 10) String factoryCode,
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
            @Size(max = 100) List<@NotNull @Valid MaterialLotDto> materialLots) {
    }

    /** A supplier lot going into the batch. */
    public record MaterialLotDto(
            @NotNull Component component,
            @NotBlank @Size(max = 64)
            @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with white space")
            String supplierLotNumber) {

        MaterialLotLine toDomain() {
            return new MaterialLotLine(component, supplierLotNumber);
        }

        static MaterialLotDto of(MaterialLotLine line) {
            return new MaterialLotDto(line.component(), line.supplierLotNumber());
        }
    }

    /** The stage completed. */
    public record CompleteStage(@NotNull ProductionStage stage) {
    }

    /** A batch as the catalog holds it. */
    public record BatchView(UUID id, String batchNumber, String styleCode, String factoryCode, int quantity,
                            BatchStatus status, ProductionStage stage, ProductionStage nextStage, LabelStatus label,
                            String labelReason, LabelPolicy labelPolicy, BigDecimal domesticValueShare,
                            List<MaterialLotDto> materialLots, Instant plannedAt, Instant updatedAt) {

        static BatchView of(Batch batch) {
            return of(batch.snapshot());
        }

        static BatchView of(BatchSnapshot batch) {
            LabelDecision label = batch.label();
            return new BatchView(batch.id(), batch.batchNumber(), batch.styleCode(), batch.factoryCode(),
                    batch.quantity(), batch.status(), batch.stage(), batch.nextStage(), label.status(),
                    label.reason(), label.policy(), label.domesticValueShare(),
                    batch.materialLots().stream().map(MaterialLotDto::of).toList(), batch.plannedAt(),
                    batch.updatedAt());
        }
    }

    /** A batch's production history. */
    public record BatchHistory(UUID batchId, String batchNumber, Instant plannedAt, List<StageEntry> stages) {
    }

    /**
     * A completed stage.
     *
     * @param stage       the stage
     * @param completedAt when it was completed
     * @param sequence    the sequence of the event announcing it
     */
    public record StageEntry(ProductionStage stage, Instant completedAt, long sequence) {

        static StageEntry of(StageCompletion completion) {
            return new StageEntry(completion.stage(), completion.completedAt(), completion.sequence());
        }
    }

    /** A page of batches. */
    public record BatchPage(List<BatchView> items, int page, int size, long totalItems, long totalPages) {
    }
}
