package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.qc.InspectionLevel;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores inspection levels as the standard writes them ({@code S-3}, {@code II}). */
@Converter
public class InspectionLevelConverter implements AttributeConverter<InspectionLevel, String> {

    @Override
    public String convertToDatabaseColumn(InspectionLevel level) {
        return level == null ? null : level.label();
    }

    @Override
    public InspectionLevel convertToEntityAttribute(String label) {
        return label == null ? null : InspectionLevel.fromLabel(label)
                .orElseThrow(() -> new IllegalStateException("unknown inspection level in database: " + label));
    }
}
