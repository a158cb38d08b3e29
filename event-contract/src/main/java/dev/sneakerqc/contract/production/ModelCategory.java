package dev.sneakerqc.contract.production;

/** The kind of sneaker a model is. */
public enum ModelCategory {
    RUNNING, LIFESTYLE, TRAIL, WALKING
}
