package dev.sneakerqc.contract.qc;

/** Seriousness of a nonconformity; each class is sampled and judged on its own. */
public enum DefectClass {
    /** Any nonconforming unit rejects the lot (Ac 0 / Re 1). */
    CRITICAL,
    MAJOR,
    MINOR
}
