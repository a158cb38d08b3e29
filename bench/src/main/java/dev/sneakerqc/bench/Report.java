package dev.sneakerqc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one benchmark invocation: printed as a table and written as JSON. */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Instant startedAt = Instant.now();
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** The figure with this id, created on first use (the order of creation is the order of the table). */
    public Figure figure(String id, String label, String unit, Target target) {
        return figures.computeIfAbsent(id, key -> new Figure(id, label, unit, target));
    }

    public List<Figure> figures() {
        return List.copyOf(figures.values());
    }

    public Report environment(String key, Object value) {
        environment.put(key, value);
        return this;
    }

    public Report note(String note) {
        notes.add(note);
        return this;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The table: figure, median, min–max, runs, target, met. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "median", "min – max", "runs", "target", "met?"});
        for (Figure figure : figures.values()) {
            String target = figure.target() == null ? "" : figure.target().text(figure.unit());
            if (figure.skipped() != null) {
                rows.add(new String[] {figure.label(), "n/a", "", "", target, ""});
                continue;
            }
            if (!figure.hasValues() || figure.failure() != null) {
                rows.add(new String[] {figure.label(), "FAILED", "", "", target, figure.target() == null ? "" : "no"});
                continue;
            }
            Stats stats = figure.stats();
            Boolean met = figure.met();
            rows.add(new String[] {figure.label(), Figure.format(stats.median(), figure.unit(), figure.target()),
                    Figure.format(stats.min(), "") + " – " + Figure.format(stats.max(), ""),
                    Integer.toString(stats.runs()), target, met == null ? "" : met ? "yes" : "NO"});
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : "  ").append(i == 1 || i == 2 || i == 3
                        ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length()));
            }
            out.setLength(out.toString().stripTrailing().length());
            out.append('\n');
            if (r == 0) {
                out.append("-".repeat(java.util.Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append('\n');
            }
        }
        figures.values().stream().map(Figure::skipped).filter(java.util.Objects::nonNull).distinct()
                .forEach(reason -> out.append("n/a: ").append(reason).append('\n'));
        figures.values().stream().map(Figure::failure).filter(java.util.Objects::nonNull).distinct()
                .forEach(reason -> out.append("FAILED: ").append(reason).append('\n'));
        return out.toString();
    }

    /** The report as a JSON document. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", startedAt.toString());
        root.put("finishedAt", Instant.now().toString());
        root.set("environment", JSON.valueToTree(environment));
        ArrayNode list = root.putArray("figures");
        for (Figure figure : figures.values()) {
            ObjectNode node = list.addObject();
            node.put("id", figure.id());
            node.put("label", figure.label());
            node.put("unit", figure.unit());
            ArrayNode runs = node.putArray("runs");
            figure.runs().forEach(runs::add);
            if (figure.hasValues()) {
                Stats stats = figure.stats();
                node.put("median", stats.median());
                node.put("min", stats.min());
                node.put("max", stats.max());
            }
            if (figure.target() != null) {
                ObjectNode target = node.putObject("target");
                target.put("op", figure.target().atLeast() ? ">=" : "<=");
                target.put("value", figure.target().value());
                Boolean met = figure.met();
                if (met == null) {
                    node.putNull("met");
                } else {
                    node.put("met", met);
                }
            }
            if (figure.note() != null) {
                node.put("note", figure.note());
            }
            if (figure.failure() != null) {
                node.put("failure", figure.failure());
            }
            if (figure.skipped() != null) {
                node.put("notMeasured", figure.skipped());
            }
        }
        ArrayNode notesNode = root.putArray("notes");
        notes.forEach(notesNode::add);
        return root.toPrettyString() + "\n";
    }

    /**
     * Writes the report into {@code directory} and returns its file. A run of every phase is written as
     * {@code <timestamp>.json} and as {@code latest.json}; a run of some phases only as
     * {@code partial/<timestamp>-<phases>.json}, so that {@code latest.json} stays the last full run.
     */
    public Path write(Path directory, Collection<String> phases) {
        boolean full = Options.everyPhase(phases);
        Path folder = full ? directory : directory.resolve("partial");
        String name = FILE_TIME.format(startedAt) + (full ? "" : "-" + String.join("-", phases)) + ".json";
        try {
            Files.createDirectories(folder);
            String json = json();
            Path file = folder.resolve(name);
            Files.writeString(file, json);
            if (full) {
                Files.writeString(directory.resolve("latest.json"), json);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + folder, e);
        }
    }
}
