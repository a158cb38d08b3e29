package dev.sneakerqc.qc.sampling;

import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.InspectionSeverity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ANSI/ASQ Z1.4 tables, read from the tab-separated copies of the standard's tables in {@code z14/} on the
 * classpath: {@code code-letters.tsv} (Table I) and {@code normal.tsv}, {@code tightened.tsv}, {@code reduced.tsv}
 * (Tables II-A, II-B, II-C).
 */
public final class Z14Tables {

    private final CodeLetterTable codeLetters;
    private final Map<InspectionSeverity, SingleSamplingTable> masters;

    private Z14Tables(CodeLetterTable codeLetters, Map<InspectionSeverity, SingleSamplingTable> masters) {
        this.codeLetters = codeLetters;
        this.masters = masters;
    }

    public static Z14Tables fromClasspath() {
        Map<InspectionSeverity, SingleSamplingTable> masters = new EnumMap<>(InspectionSeverity.class);
        masters.put(InspectionSeverity.NORMAL, readMaster("z14/normal.tsv"));
        masters.put(InspectionSeverity.TIGHTENED, readMaster("z14/tightened.tsv"));
        masters.put(InspectionSeverity.REDUCED, readMaster("z14/reduced.tsv"));
        return new Z14Tables(readCodeLetters("z14/code-letters.tsv"), masters);
    }

    CodeLetterTable codeLetters() {
        return codeLetters;
    }

    SingleSamplingTable master(InspectionSeverity severity) {
        return masters.get(severity);
    }

    private static CodeLetterTable readCodeLetters(String resource) {
        List<String[]> lines = read(resource);
        String[] header = lines.getFirst();
        List<CodeLetterTable.Row> rows = new ArrayList<>();
        for (String[] line : lines.subList(1, lines.size())) {
            Map<InspectionLevel, String> letters = new EnumMap<>(InspectionLevel.class);
            for (int column = 2; column < header.length; column++) {
                String level = header[column];
                letters.put(InspectionLevel.fromLabel(level).orElseThrow(() ->
                        new IllegalStateException(resource + ": unknown level " + level)), line[column]);
            }
            int lotMax = line[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(line[1]);
            rows.add(new CodeLetterTable.Row(Integer.parseInt(line[0]), lotMax, letters));
        }
        return new CodeLetterTable(rows);
    }

    private static SingleSamplingTable readMaster(String resource) {
        List<String[]> lines = read(resource);
        String[] header = lines.getFirst();
        List<BigDecimal> aqls = new ArrayList<>();
        for (int column = 2; column < header.length; column++) {
            aqls.add(new BigDecimal(header[column]));
        }
        List<SingleSamplingTable.Row> rows = new ArrayList<>();
        for (String[] line : lines.subList(1, lines.size())) {
            List<SingleSamplingTable.Cell> cells = new ArrayList<>();
            for (int column = 2; column < header.length; column++) {
                cells.add(cell(resource, line[column]));
            }
            rows.add(new SingleSamplingTable.Row(line[0], Integer.parseInt(line[1]), cells));
        }
        return new SingleSamplingTable(aqls, rows);
    }

    private static SingleSamplingTable.Cell cell(String resource, String text) {
        return switch (text) {
            case "down" -> new SingleSamplingTable.Down();
            case "up" -> new SingleSamplingTable.Up();
            default -> {
                String[] acRe = text.split("/");
                if (acRe.length != 2) {
                    throw new IllegalStateException(resource + ": cell '" + text + "' is neither Ac/Re nor an arrow");
                }
                yield new SingleSamplingTable.Plan(Integer.parseInt(acRe[0]), Integer.parseInt(acRe[1]));
            }
        };
    }

    private static List<String[]> read(String resource) {
        InputStream in = Z14Tables.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing sampling table " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line.split("\t", -1));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
