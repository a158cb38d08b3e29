package dev.sneakerqc.qc.sampling;

import dev.sneakerqc.contract.qc.InspectionLevel;

import java.util.List;
import java.util.Map;

/** Z1.4 Table I: lot size and inspection level give the sample size code letter. */
final class CodeLetterTable {

    /**
     * One lot size range.
     *
     * @param lotMin  smallest lot size of the range
     * @param lotMax  largest, or {@link Integer#MAX_VALUE} for "and over"
     * @param letters the code letter per level
     */
    record Row(int lotMin, int lotMax, Map<InspectionLevel, String> letters) {
    }

    private final List<Row> rows;

    CodeLetterTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The code letter; a lot smaller than the table's first range (a single pair) takes the first range's. */
    String letterFor(int lotSize, InspectionLevel level) {
        for (Row row : rows) {
            if (lotSize <= row.lotMax()) {
                return row.letters().get(level);
            }
        }
        throw new IllegalStateException("Table I has no range for lot size " + lotSize);
    }

    List<Row> rows() {
        return rows;
    }
}
