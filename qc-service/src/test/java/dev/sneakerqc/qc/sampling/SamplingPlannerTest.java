package dev.sneakerqc.qc.sampling;

import dev.sneakerqc.contract.qc.AcceptanceQualityLimits;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.SamplingPlan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every cell of the Z1.4 tables, checked against an oracle that reads the TSV text on its own and walks the
 * arrows cell by cell.
 */
class SamplingPlannerTest {

    private static final SamplingPlanner PLANNER = new SamplingPlanner(Z14Tables.fromClasspath());
    private static final Map<String, Integer> LEVEL_II_LOT_OF_LETTER = new LinkedHashMap<>();

    static {
        // A lot size giving each code letter at general level II (R only exists at level III).
        String[] letters = {"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q"};
        int[] lots = {2, 9, 16, 26, 51, 91, 151, 281, 501, 1201, 3201, 10001, 35001, 150001, 500001};
        for (int i = 0; i < letters.length; i++) {
            LEVEL_II_LOT_OF_LETTER.put(letters[i], lots[i]);
        }
    }

    @Test
    void theWorkedExamplesOfTheStandardHold() {
        assertThat(PLANNER.plan(1000, new BigDecimal("1.5"), InspectionLevel.II, InspectionSeverity.NORMAL))
                .isEqualTo(new SamplingPlan("J", 80, 3, 4, false));
        assertThat(PLANNER.plan(20, new BigDecimal("1.5"), InspectionLevel.I, InspectionSeverity.NORMAL))
                .isEqualTo(new SamplingPlan("B", 8, 0, 1, false));
        assertThat(PLANNER.plan(5000, new BigDecimal("1.5"), InspectionLevel.II, InspectionSeverity.NORMAL))
                .isEqualTo(new SamplingPlan("L", 200, 7, 8, false));
        assertThat(PLANNER.plan(5000, new BigDecimal("1.5"), InspectionLevel.II, InspectionSeverity.TIGHTENED))
                .isEqualTo(new SamplingPlan("L", 200, 5, 6, false));
    }

    @Test
    void everyCellOfEveryMasterTable() throws IOException {
        int cells = 0;
        for (InspectionSeverity severity : InspectionSeverity.values()) {
            List<String[]> table = tsv(severity.name().toLowerCase() + ".tsv");
            String[] header = table.getFirst();
            List<String[]> rows = table.subList(1, table.size());
            for (int r = 0; r < rows.size(); r++) {
                String letter = rows.get(r)[0];
                for (int column = 2; column < header.length; column++) {
                    BigDecimal aql = new BigDecimal(header[column]);
                    String[] expected = oracle(rows, r, column);
                    int lot = letter.equals("R") ? 500_001 : LEVEL_II_LOT_OF_LETTER.get(letter);
                    InspectionLevel level = letter.equals("R") ? InspectionLevel.III : InspectionLevel.II;
                    SamplingPlan plan = PLANNER.plan(lot, aql, level, severity);
                    assertThat(plan.codeLetter()).isEqualTo(letter);
                    assertThat(plan.sampleSize()).as("%s %s %s n", severity, letter, aql)
                            .isEqualTo(Integer.parseInt(expected[0]));
                    assertThat(plan.acceptNumber() + "/" + plan.rejectNumber())
                            .as("%s %s %s Ac/Re", severity, letter, aql).isEqualTo(expected[1]);
                    assertThat(plan.inspectAll()).isEqualTo(plan.sampleSize() >= lot);
                    cells++;
                }
            }
        }
        assertThat(cells).isEqualTo(3 * 16 * 12);
    }

    @Test
    void everyRowAndLevelOfTableOne() throws IOException {
        List<String[]> table = tsv("code-letters.tsv");
        String[] header = table.getFirst();
        for (String[] row : table.subList(1, table.size())) {
            int lotMin = Integer.parseInt(row[0]);
            int lotMax = row[1].isBlank() ? 2_000_000 : Integer.parseInt(row[1]);
            for (int column = 2; column < header.length; column++) {
                InspectionLevel level = InspectionLevel.fromLabel(header[column]).orElseThrow();
                for (int lot : new int[]{lotMin, lotMax}) {
                    assertThat(PLANNER.plan(lot, new BigDecimal("1.0"), level, InspectionSeverity.NORMAL).codeLetter())
                            .as("lot %d level %s", lot, level.label()).isEqualTo(row[column]);
                }
            }
        }
    }

    @Test
    void aSamplingPlanReachingTheLotSizeInspectsEveryUnit() {
        SamplingPlan plan = PLANNER.plan(5, new BigDecimal("0.65"), InspectionLevel.II, InspectionSeverity.NORMAL);
        assertThat(plan.codeLetter()).isEqualTo("A");
        assertThat(plan.sampleSize()).isEqualTo(20);
        assertThat(plan.inspectAll()).isTrue();
        assertThat(PLANNER.plan(1, new BigDecimal("2.5"), InspectionLevel.S_3, InspectionSeverity.NORMAL).inspectAll())
                .isTrue();
    }

    @Test
    void reducedPlansHaveAGapBetweenAcAndRe() {
        SamplingPlan plan = PLANNER.plan(1000, new BigDecimal("2.5"), InspectionLevel.II, InspectionSeverity.REDUCED);
        assertThat(plan).isEqualTo(new SamplingPlan("J", 32, 2, 5, false));
    }

    @Test
    void theTableColumnsAreTheContractsAqls() {
        assertThat(PLANNER.aqls()).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(AcceptanceQualityLimits.TABLE_VALUES);
    }

    @Test
    void theBundledTablesAreTheSharedReference() throws IOException {
        Path shared = Path.of("..", "..", "shared", "reference", "z14");
        assumeTrue(Files.isDirectory(shared), "the shared reference is not next to this checkout");
        for (String file : List.of("code-letters.tsv", "normal.tsv", "tightened.tsv", "reduced.tsv")) {
            assertThat(resource(file)).as(file).isEqualTo(Files.readString(shared.resolve(file)));
        }
    }

    /** Walks the arrows in the raw table: returns {n, "Ac/Re"}. */
    private static String[] oracle(List<String[]> rows, int row, int column) {
        int r = row;
        while (true) {
            String cell = rows.get(r)[column];
            if (cell.equals("down")) {
                r++;
            } else if (cell.equals("up")) {
                r--;
            } else {
                return new String[]{rows.get(r)[1], cell};
            }
        }
    }

    private static List<String[]> tsv(String file) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : resource(file).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.split("\t", -1));
            }
        }
        return lines;
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = SamplingPlannerTest.class.getClassLoader().getResourceAsStream("z14/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
