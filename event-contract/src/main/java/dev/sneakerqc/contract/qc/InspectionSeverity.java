package dev.sneakerqc.contract.qc;

/** ANSI/ASQ Z1.4 severity of inspection of a stream of lots; the switching rules move between them. */
public enum InspectionSeverity {
    NORMAL, TIGHTENED, REDUCED
}
