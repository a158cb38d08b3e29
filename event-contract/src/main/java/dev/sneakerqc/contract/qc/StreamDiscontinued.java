package dev.sneakerqc.contract.qc;

import java.util.UUID;

/**
 * Data of {@link QcEvents#STREAM_DISCONTINUED}: five lots were not accepted while the class was on tightened
 * inspection; acceptance stops and new inspections of the stream wait ON_HOLD until a corrective action.
 * Key: stream key.
 *
 * @param factoryCode                the stream's factory
 * @param line                       the stream's model line
 * @param defectClass                the class that reached the limit
 * @param lotsNotAcceptedOnTightened lots not accepted since tightened inspection began
 * @param triggeredBy                the batch whose verdict triggered it
 */
public record StreamDiscontinued(String factoryCode, String line, DefectClass defectClass,
                                 int lotsNotAcceptedOnTightened, UUID triggeredBy) {
}
