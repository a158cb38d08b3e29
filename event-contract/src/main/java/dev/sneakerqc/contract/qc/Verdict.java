package dev.sneakerqc.contract.qc;

/** The QC verdict on a batch. */
public enum Verdict {
    ACCEPTED, REJECTED
}
