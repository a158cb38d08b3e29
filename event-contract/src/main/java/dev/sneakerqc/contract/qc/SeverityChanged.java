package dev.sneakerqc.contract.qc;

import java.util.UUID;

/**
 * Data of {@link QcEvents#SEVERITY_CHANGED}: a switching rule moved a stream's class to another severity.
 * Key: stream key {@code <factoryCode>/<line>}.
 *
 * @param factoryCode     the stream's factory
 * @param line            the stream's model line
 * @param defectClass     MAJOR or MINOR
 * @param from            the severity before
 * @param to              the severity after
 * @param reason          the rule that applied
 * @param triggeredBy     the batch whose verdict triggered it
 */
public record SeverityChanged(String factoryCode, String line, DefectClass defectClass, InspectionSeverity from,
                              InspectionSeverity to, String reason, UUID triggeredBy) {
}
