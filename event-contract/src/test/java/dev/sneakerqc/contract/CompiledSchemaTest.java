package dev.sneakerqc.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.OutputFormat;
import dev.sneakerqc.contract.production.BatchQcOutcome;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.contract.qc.QcEvents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the compiled checks to the general validator: on the events producers write (which they must pass on
 * their own) and on thousands of broken copies of them, where a definite answer of theirs must be the general
 * validator's answer.
 */
class CompiledSchemaTest {

    private static final JsonNodeFactory NODES = EventJson.mapper().getNodeFactory();

    static List<EventEnvelope> samples() {
        List<EventEnvelope> samples = new ArrayList<>();
        samples.add(ProductionEventSchemaTest.planned());
        ProductionStage previous = null;
        long sequence = 2;
        for (ProductionStage stage : ProductionStage.values()) {
            samples.add(ProductionEventSchemaTest.stage(stage, previous, sequence++));
            previous = stage;
        }
        samples.add(EventEnvelope.wrap(ProductionEvents.BATCH_RELEASED, UUID.randomUUID(),
                EventJson.eventTime(Instant.now()), UUID.randomUUID(), 7,
                new BatchQcOutcome("SKO-2026-000123", "M990GL6", "SKO", BatchStatus.RELEASED, UUID.randomUUID())));
        samples.addAll(QcEventSchemaTest.samples());
        return samples;
    }

    @Test
    void everyEventSchemaCompiles() throws IOException {
        for (EventType<?> type : Stream.concat(ProductionEvents.ALL.stream(), QcEvents.ALL.stream()).toList()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
                assertThat(in).as(type.name()).isNotNull();
                CompiledSchema.compileOrThrow(EventJson.mapper().readTree(in));
            }
            assertThat(EventSchemas.schemaOf(type.name(), type.schemaVersion()).orElseThrow().compiled())
                    .as(type.name()).isNotNull();
        }
    }

    @Test
    void theEventsProducersWritePassOnTheirOwn() throws IOException {
        for (EventEnvelope event : samples()) {
            JsonNode json = EventJson.mapper().readTree(EventJson.write(event));
            assertThat(compiled(json).check(json)).as(json.toString()).isEqualTo(CompiledSchema.Result.VALID);
        }
        ObjectNode wholeSecond = (ObjectNode) EventJson.mapper().readTree(EventJson.write(samples().get(0)));
        wholeSecond.put("occurredAt", "2026-12-02T17:42:16Z");
        assertThat(compiled(wholeSecond).check(wholeSecond)).isEqualTo(CompiledSchema.Result.VALID);
    }

    @Test
    void aDefiniteAnswerIsTheGeneralValidatorsOnBrokenEvents() throws IOException {
        List<JsonNode> replacements = replacements();
        int valid = 0;
        int invalid = 0;
        int unsure = 0;
        for (EventEnvelope event : samples()) {
            JsonNode original = EventJson.mapper().readTree(EventJson.write(event));
            EventSchemas.Schema schema = schema(original);
            List<JsonNode> variants = new ArrayList<>();
            mutate(original, original, variants, replacements);
            variants.addAll(stageCombinations(original));
            for (JsonNode variant : variants) {
                CompiledSchema.Result answer = schema.compiled().check(variant);
                boolean general = schema.general().validate(variant, OutputFormat.BOOLEAN);
                switch (answer) {
                    case VALID -> {
                        assertThat(general).as("compiled checks passed what the validator refuses: %s", variant)
                                .isTrue();
                        valid++;
                    }
                    case INVALID -> {
                        assertThat(general).as("compiled checks refused what the validator passes: %s", variant)
                                .isFalse();
                        invalid++;
                    }
                    case UNSURE -> unsure++;
                }
            }
        }
        int definite = valid + invalid;
        System.out.printf("compiled checks on %d broken events: %d valid, %d invalid, %d left to the validator%n",
                definite + unsure, valid, invalid, unsure);
        // the mutations reach both answers, and most of them are decided without the general validator
        assertThat(valid).isGreaterThan(1_000);
        assertThat(invalid).isGreaterThan(10_000);
        assertThat(definite).isGreaterThan(4 * unsure);
    }

    @Test
    void canonicalFormsOnly() {
        assertThat(CompiledSchema.isCanonicalUuid("0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e10")).isTrue();
        assertThat(CompiledSchema.isCanonicalUuid("0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e1")).isFalse();
        assertThat(CompiledSchema.isCanonicalUuid("0b6f3a52_6c55-4a8e-9a55-3f1f7c3b9e10")).isFalse();
        assertThat(CompiledSchema.isCanonicalUuid("0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e1g")).isFalse();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-02T17:42:16Z")).isTrue();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-02T17:42:16.123456Z")).isTrue();
        assertThat(CompiledSchema.isCanonicalInstant("2024-02-29T23:59:59.999999999Z")).isTrue();
        assertThat(CompiledSchema.isCanonicalInstant("2026-02-29T00:00:00Z")).isFalse();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-02T23:59:60Z")).isFalse();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-02T17:42:16.Z")).isFalse();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-02T17:42:16.1234567891Z")).isFalse();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-02T17:42:16+00:00")).isFalse();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-02t17:42:16z")).isFalse();
        assertThat(CompiledSchema.isCanonicalInstant("2026-12-0xT17:42:16Z")).isFalse();
    }

    @Test
    void aSchemaWithAnUnknownKeywordDoesNotCompile() throws IOException {
        assertThat(CompiledSchema.compile(EventJson.mapper().readTree(
                "{\"type\":\"object\",\"patternProperties\":{\"^x\":{\"type\":\"string\"}}}"))).isNull();
        assertThat(CompiledSchema.compile(EventJson.mapper().readTree(
                "{\"properties\":{\"a\":{\"format\":\"email\"}}}"))).isNull();
        assertThat(CompiledSchema.compile(EventJson.mapper().readTree(
                "{\"$ref\":\"other.json#/x\"}"))).isNull();
        assertThat(CompiledSchema.compile(EventJson.mapper().readTree(
                "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}"))).isNull();
    }

    private static EventSchemas.Schema schema(JsonNode event) {
        return EventSchemas.schemaOf(event.get("type").asText(), event.get("schemaVersion").asInt()).orElseThrow();
    }

    private static CompiledSchema compiled(JsonNode event) {
        return schema(event).compiled();
    }

    /** Every copy of {@code root} with one value at or under {@code node} removed, replaced, or one field added. */
    private static void mutate(JsonNode root, JsonNode node, List<JsonNode> variants, List<JsonNode> replacements) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            variants.add(copyWith(root, node, copy -> ((ObjectNode) copy).put("unexpected", 1)));
            for (String name : names) {
                variants.add(copyWith(root, node, copy -> ((ObjectNode) copy).remove(name)));
                for (JsonNode replacement : replacements) {
                    variants.add(copyWith(root, node, copy -> ((ObjectNode) copy).set(name, replacement.deepCopy())));
                }
                mutate(root, node.get(name), variants, replacements);
            }
        } else if (node.isArray()) {
            variants.add(copyWith(root, node, copy -> ((ArrayNode) copy).removeAll()));
            variants.add(copyWith(root, node, copy -> ((ArrayNode) copy).add(copy.isEmpty() ? NODES.nullNode()
                    : copy.get(0).deepCopy())));
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                variants.add(copyWith(root, node, copy -> ((ArrayNode) copy).remove(index)));
                for (JsonNode replacement : replacements) {
                    variants.add(copyWith(root, node, copy -> ((ArrayNode) copy).set(index, replacement.deepCopy())));
                }
                mutate(root, node.get(i), variants, replacements);
            }
        }
    }

    /** A deep copy of {@code root} in which the copy of {@code target} (found by identity) is changed. */
    private static JsonNode copyWith(JsonNode root, JsonNode target, java.util.function.Consumer<JsonNode> change) {
        JsonNode copy = root.deepCopy();
        JsonNode found = find(root, copy, target);
        change.accept(found);
        return copy;
    }

    private static JsonNode find(JsonNode original, JsonNode copy, JsonNode target) {
        if (original == target) {
            return copy;
        }
        if (original.isObject()) {
            for (Iterator<String> names = original.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode found = find(original.get(name), copy.get(name), target);
                if (found != null) {
                    return found;
                }
            }
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                JsonNode found = find(original.get(i), copy.get(i), target);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A stage change with each stage, previous stage and status, to reach every branch of its conditions. */
    private static List<JsonNode> stageCombinations(JsonNode event) {
        if (!event.get("type").asText().equals(ProductionEvents.BATCH_STAGE_COMPLETED.name())) {
            return List.of();
        }
        List<JsonNode> stages = new ArrayList<>();
        stages.add(NODES.nullNode());
        stages.add(NODES.textNode("GLUED"));
        for (ProductionStage stage : ProductionStage.values()) {
            stages.add(NODES.textNode(stage.name()));
        }
        List<JsonNode> combinations = new ArrayList<>();
        for (JsonNode stage : stages) {
            for (JsonNode previous : stages) {
                for (BatchStatus status : BatchStatus.values()) {
                    ObjectNode copy = event.deepCopy();
                    ObjectNode data = (ObjectNode) copy.get("data");
                    data.set("stage", stage);
                    data.set("previousStage", previous);
                    data.put("status", status.name());
                    combinations.add(copy);
                }
            }
        }
        return combinations;
    }

    /** Values that cross every kind of keyword the schemas use, their bounds and their canonical forms. */
    private static List<JsonNode> replacements() throws IOException {
        Set<JsonNode> values = new LinkedHashSet<>();
        values.add(NODES.nullNode());
        values.add(NODES.booleanNode(true));
        values.add(NODES.booleanNode(false));
        for (long number : new long[]{-1, 0, 1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 499_999, 500_000, 500_001,
                Long.MAX_VALUE}) {
            values.add(NODES.numberNode(number));
        }
        values.add(NODES.numberNode(new BigInteger("123456789012345678901234567890")));
        for (String decimal : new String[]{"2.0", "1.5", "0.065", "0.0650", "0.064", "0.066",
                "0.0650000000000000001", "0.0649999999999999999", "4.1", "1E+2", "-0.5"}) {
            values.add(NODES.numberNode(new BigDecimal(decimal)));
        }
        for (String text : new String[]{"", "x", "A", "E", "I", "AB", "SKO", "sko", "SKO\n", "S K O",
                "ÄB", "SKO-2026-000123", "SKO-2026-00012", "SKO-26-000123", "SKO/990", "SKO/", "AN", "NNNNNN",
                "ana", "N/mm", "a".repeat(32), "a".repeat(33), "a".repeat(40), "a".repeat(41), "a".repeat(200),
                "0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e10", "0B6F3A52-6C55-4A8E-9A55-3F1F7C3B9E10",
                "0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e1", "{0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e10}",
                "0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e10\n", "2026-12-02T17:42:16Z", "2026-12-02T17:42:16.123456Z",
                "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-12-02t17:42:16z",
                "2026-12-02T17:42:16+01:00", "2026-12-02T23:59:60Z", "0999-01-01T00:00:00Z",
                "2026-12-02T17:42:16.1234567891Z", "2026-12-02 17:42:16Z", "2026-13-01T00:00:00Z",
                "yesterday"}) {
            values.add(NODES.textNode(text));
        }
        values.addAll(vocabulary());
        values.add(NODES.objectNode());
        values.add(NODES.arrayNode());
        values.add(NODES.arrayNode().add("MAJOR"));
        values.add(NODES.arrayNode().add(1));
        return new ArrayList<>(values);
    }

    /** Every string a schema names as a constant or an enumerated value. */
    private static Set<JsonNode> vocabulary() throws IOException {
        Set<JsonNode> words = new LinkedHashSet<>();
        for (EventType<?> type : Stream.concat(ProductionEvents.ALL.stream(), QcEvents.ALL.stream()).toList()) {
            try (InputStream in = CompiledSchemaTest.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
                collectWords(EventJson.mapper().readTree(in), words);
            }
        }
        return words;
    }

    private static void collectWords(JsonNode schema, Set<JsonNode> words) {
        if (schema.isObject()) {
            for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = schema.get(name);
                if (name.equals("const") && value.isTextual()) {
                    words.add(value);
                } else if (name.equals("enum")) {
                    value.forEach(word -> {
                        if (word.isTextual()) {
                            words.add(word);
                        }
                    });
                } else {
                    collectWords(value, words);
                }
            }
        } else if (schema.isArray()) {
            schema.forEach(item -> collectWords(item, words));
        }
    }
}
