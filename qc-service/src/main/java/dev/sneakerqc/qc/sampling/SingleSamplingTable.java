package dev.sneakerqc.qc.sampling;

import java.math.BigDecimal;
import java.util.List;

/**
 * One of the Z1.4 single sampling master tables (II-A normal, II-B tightened, II-C reduced): for each code letter
 * its sample size, and for each AQL either a plan (Ac/Re) or an arrow to follow.
 */
final class SingleSamplingTable {

    /** A cell: a plan, or an arrow to the first plan below or above. */
    sealed interface Cell permits Plan, Down, Up {
    }

    record Plan(int acceptNumber, int rejectNumber) implements Cell {
    }

    record Down() implements Cell {
    }

    record Up() implements Cell {
    }

    /**
     * A row of the table.
     *
     * @param codeLetter the code letter
     * @param sampleSize n
     * @param cells      one per AQL column, in {@link #aqls()} order
     */
    record Row(String codeLetter, int sampleSize, List<Cell> cells) {
    }

    /**
     * The plan a cell leads to.
     *
     * @param row  the row of the plan (its sample size applies)
     * @param plan Ac and Re
     */
    record Resolved(Row row, Plan plan) {
    }

    private final List<BigDecimal> aqls;
    private final List<Row> rows;

    SingleSamplingTable(List<BigDecimal> aqls, List<Row> rows) {
        this.aqls = List.copyOf(aqls);
        this.rows = List.copyOf(rows);
    }

    List<BigDecimal> aqls() {
        return aqls;
    }

    List<Row> rows() {
        return rows;
    }

    /** Follows arrows from the cell of the code letter and AQL to the plan they lead to. */
    Resolved resolve(String codeLetter, BigDecimal aql) {
        int column = columnOf(aql);
        int index = rowIndexOf(codeLetter);
        while (true) {
            Row row = rows.get(index);
            Cell cell = row.cells().get(column);
            switch (cell) {
                case Plan plan -> {
                    return new Resolved(row, plan);
                }
                case Down down -> index++;
                case Up up -> index--;
            }
            if (index < 0 || index >= rows.size()) {
                throw new IllegalStateException("arrows from " + codeLetter + " at AQL " + aql
                        + " lead out of the table");
            }
        }
    }

    private int columnOf(BigDecimal aql) {
        for (int i = 0; i < aqls.size(); i++) {
            if (aqls.get(i).compareTo(aql) == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column for AQL " + aql);
    }

    private int rowIndexOf(String codeLetter) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).codeLetter().equals(codeLetter)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no row for code letter " + codeLetter);
    }
}
