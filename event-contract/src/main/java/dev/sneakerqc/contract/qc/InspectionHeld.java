package dev.sneakerqc.contract.qc;

/**
 * Data of {@link QcEvents#INSPECTION_HELD}: a finished batch's inspection waits ON_HOLD because its stream is
 * discontinued; it opens at tightened inspection once a corrective action resumes the stream. Key: batch id.
 *
 * @param batchNumber the batch's readable number
 * @param styleCode   the model
 * @param factoryCode the factory
 * @param line        the model line
 * @param lotSize     the batch quantity
 * @param reason      why it waits
 */
public record InspectionHeld(String batchNumber, String styleCode, String factoryCode, String line, int lotSize,
                             String reason) {
}
