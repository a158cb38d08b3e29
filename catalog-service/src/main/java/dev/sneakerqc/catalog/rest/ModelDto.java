package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.domain.BomLine;
import dev.sneakerqc.catalog.domain.DomesticValue;
import dev.sneakerqc.catalog.domain.SneakerModel;
import dev.sneakerqc.catalog.rest.validation.IsoCountry;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.ModelCategory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the models resource. */
public final class ModelDto {

    static final String STYLE_CODE_PATTERN = "[A-Z0-9][A-Z0-9-]{1,31}";
    static final String STYLE_CODE_MESSAGE = "must be 2 to 32 upper-case letters, digits or '-'";

    private ModelDto() {
    }

    /** A model to register (POST) or its new description (PUT; the style code then comes from the path). */
    public record ModelRequest(
            @Pattern(regexp = STYLE_CODE_PATTERN, message = STYLE_CODE_MESSAGE) String styleCode,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Size(max = 40) String line,
            @NotNull ModelCategory category,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid BomLineDto> billOfMaterials) {
    }

    /** A line of the bill of materials. */
    public record BomLineDto(
            @NotNull Component component,
            @NotBlank @Size(max = 120) String material,
            @NotNull @IsoCountry String originCountry,
            @NotNull @PositiveOrZero @Max(100_000_000) Long unitValueCents) {

        BomLine toDomain() {
            return new BomLine(component, material, originCountry, unitValueCents);
        }

        static BomLineDto of(BomLine line) {
            return new BomLineDto(line.component(), line.material(), line.originCountry(), line.unitValueCents());
        }
    }

    /** A model as the catalog holds it, with its domestic value share. */
    public record ModelView(String styleCode, String name, String line, ModelCategory category,
                            List<BomLineDto> billOfMaterials, long totalValueCents, long domesticValueCents,
                            BigDecimal domesticValueShare, Instant createdAt, Instant updatedAt) {

        static ModelView of(SneakerModel model) {
            DomesticValue value = model.domesticValue();
            return new ModelView(model.styleCode(), model.name(), model.line(), model.category(),
                    model.billOfMaterials().stream().map(BomLineDto::of).toList(), value.totalCents(),
                    value.domesticCents(), value.share(), model.createdAt(), model.updatedAt());
        }
    }
}
