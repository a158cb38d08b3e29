package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.Component;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One line of a model's bill of materials: a component, its material, where it comes from and its value. */
@Embeddable
public class BomLine {

    @Enumerated(EnumType.STRING)
    private Component component;
    private String material;
    @Column(name = "origin_country")
    private String originCountry;
    @Column(name = "unit_value_cents")
    private long unitValueCents;

    protected BomLine() {
    }

    public BomLine(Component component, String material, String originCountry, long unitValueCents) {
        this.component = component;
        this.material = material;
        this.originCountry = originCountry;
        this.unitValueCents = unitValueCents;
    }

    public boolean isDomestic() {
        return Factory.UNITED_STATES.equals(originCountry);
    }

    public Component component() {
        return component;
    }

    public String material() {
        return material;
    }

    public String originCountry() {
        return originCountry;
    }

    public long unitValueCents() {
        return unitValueCents;
    }
}
