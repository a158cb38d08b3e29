package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.ProductionStage;

/** A stage was requested that is not the next one of the batch: out of order, repeated, or batch closed. */
public class StageOutOfOrderException extends RuntimeException {

    private final String batchNumber;
    private final BatchStatus status;
    private final ProductionStage currentStage;
    private final ProductionStage requestedStage;
    private final ProductionStage expectedStage;

    public StageOutOfOrderException(String batchNumber, BatchStatus status, ProductionStage currentStage,
                                    ProductionStage requestedStage, ProductionStage expectedStage) {
        super(describe(batchNumber, status, currentStage, requestedStage, expectedStage), null, false, false);
        this.batchNumber = batchNumber;
        this.status = status;
        this.currentStage = currentStage;
        this.requestedStage = requestedStage;
        this.expectedStage = expectedStage;
    }

    private static String describe(String batchNumber, BatchStatus status, ProductionStage current,
                                   ProductionStage requested, ProductionStage expected) {
        String at = current == null ? "has completed no stage yet" : "is at stage " + current;
        if (expected == null) {
            return "cannot complete stage " + requested + ": batch " + batchNumber + " is " + status + " and " + at
                    + "; no further stage can be completed";
        }
        if (current != null && requested.compareTo(current) <= 0) {
            return "cannot complete stage " + requested + " again: batch " + batchNumber + " " + at
                    + "; the next stage is " + expected;
        }
        return "cannot complete stage " + requested + " out of order: batch " + batchNumber + " " + at
                + "; the next stage is " + expected;
    }

    public String batchNumber() {
        return batchNumber;
    }

    public BatchStatus status() {
        return status;
    }

    public ProductionStage currentStage() {
        return currentStage;
    }

    public ProductionStage requestedStage() {
        return requestedStage;
    }

    /** The stage that would have been accepted, null when the batch takes no more stages. */
    public ProductionStage expectedStage() {
        return expectedStage;
    }
}
