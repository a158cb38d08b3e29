package dev.sneakerqc.contract.qc;

import java.util.List;

/**
 * Data of {@link QcEvents#STREAM_RESUMED}: a corrective action was recorded; the discontinued classes resume at
 * tightened inspection and held inspections open. Key: stream key.
 *
 * @param factoryCode the stream's factory
 * @param line        the stream's model line
 * @param classes     the classes that resume at TIGHTENED
 * @param description the corrective action
 * @param by          who recorded it
 */
public record StreamResumed(String factoryCode, String line, List<DefectClass> classes, String description,
                            String by) {
}
