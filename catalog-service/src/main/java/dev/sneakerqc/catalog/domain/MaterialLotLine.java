package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.Component;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A supplier lot that went into a batch. */
@Embeddable
public class MaterialLotLine {

    @Enumerated(EnumType.STRING)
    private Component component;
    @Column(name = "supplier_lot_number")
    private String supplierLotNumber;

    protected MaterialLotLine() {
    }

    public MaterialLotLine(Component component, String supplierLotNumber) {
        this.component = component;
        this.supplierLotNumber = supplierLotNumber;
    }

    public Component component() {
        return component;
    }

    public String supplierLotNumber() {
        return supplierLotNumber;
    }
}
