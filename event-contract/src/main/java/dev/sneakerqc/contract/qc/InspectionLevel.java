package dev.sneakerqc.contract.qc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/**
 * ANSI/ASQ Z1.4 inspection levels: special S-1..S-4 (small samples, used for destructive tests) and general
 * I, II, III. Written as the standard writes them.
 */
public enum InspectionLevel {
    S_1("S-1"), S_2("S-2"), S_3("S-3"), S_4("S-4"), I("I"), II("II"), III("III");

    private final String label;

    InspectionLevel(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The level written as in the standard, e.g. {@code S-3}. */
    public static Optional<InspectionLevel> fromLabel(String label) {
        return Arrays.stream(values()).filter(level -> level.label.equals(label)).findFirst();
    }

    @JsonCreator
    static InspectionLevel fromJson(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                "unknown inspection level '" + label + "'; allowed: " + allowedLabels()));
    }

    /** The allowed spellings, for error messages. */
    public static String allowedLabels() {
        return String.join(", ", Arrays.stream(values()).map(InspectionLevel::label).toList());
    }
}
