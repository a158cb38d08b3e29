package dev.sneakerqc.contract.production;

/** Whether a batch may carry a "Made in USA" label. */
public enum LabelStatus {
    MADE_IN_USA, NOT_ELIGIBLE
}
