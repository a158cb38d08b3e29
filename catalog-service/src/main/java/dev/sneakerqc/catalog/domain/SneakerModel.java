package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.ModelCategory;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A sneaker model (style), e.g. {@code M990GL6}, with its bill of materials. */
@Entity
@Table(name = "sneaker_model")
public class SneakerModel {

    @Id
    @Column(name = "style_code")
    private String styleCode;
    private String name;
    private String line;
    @Enumerated(EnumType.STRING)
    private ModelCategory category;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "bom_line", joinColumns = @JoinColumn(name = "style_code"))
    @OrderColumn(name = "line_no")
    private List<BomLine> billOfMaterials = new ArrayList<>();
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected SneakerModel() {
    }

    public SneakerModel(String styleCode, String name, String line, ModelCategory category,
                        List<BomLine> billOfMaterials, Instant createdAt) {
        this.styleCode = styleCode;
        this.createdAt = createdAt;
        revise(name, line, category, billOfMaterials, createdAt);
    }

    /** Replaces the model's description and bill of materials. Batches already planned keep their label. */
    public void revise(String name, String line, ModelCategory category, List<BomLine> billOfMaterials,
                       Instant at) {
        this.name = name;
        this.line = line;
        this.category = category;
        this.billOfMaterials.clear();
        this.billOfMaterials.addAll(billOfMaterials);
        this.updatedAt = at;
    }

    public DomesticValue domesticValue() {
        return DomesticValue.of(billOfMaterials);
    }

    public String styleCode() {
        return styleCode;
    }

    public String name() {
        return name;
    }

    public String line() {
        return line;
    }

    public ModelCategory category() {
        return category;
    }

    public List<BomLine> billOfMaterials() {
        return List.copyOf(billOfMaterials);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
