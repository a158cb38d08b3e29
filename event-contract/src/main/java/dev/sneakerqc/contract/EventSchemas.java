package dev.sneakerqc.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates event JSON against the JSON Schema (draft 2020-12) of its type and version. Producers use it in
 * their tests; consumers use it before applying an event, so both sides hold to the same schema.
 *
 * <p>Each schema is also compiled to plain checks ({@link CompiledSchema}), which pass the events producers write
 * without the general validator; any event they cannot pass beyond doubt goes to it, and it alone refuses an event
 * and says why. A fresh consumer catching up on a backlog spent about a third of its CPU in the general validator,
 * most of it the JVM running and compiling that validator's code for the first time (bench/HISTORY.md).
 */
public final class EventSchemas {

    /** By type name, then version: looked up for every event, without building the resource's name. */
    private static final Map<String, Map<Integer, Optional<Schema>>> CACHE = new ConcurrentHashMap<>();
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z]{1,64}");

    private EventSchemas() {
    }

    /**
     * The schema violations of an event, empty when it is valid.
     *
     * @throws IllegalArgumentException when no schema exists for the event's type and version
     */
    public static List<String> violations(JsonNode event) {
        String type = event.path("type").asText("");
        int version = event.path("schemaVersion").asInt(0);
        Schema schema = schemaOf(type, version)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no schema for event type '" + type + "' version " + version));
        if (schema.compiled() != null && schema.compiled().check(event) == CompiledSchema.Result.VALID) {
            return List.of();
        }
        // A pass/fail check stops at the first violation and builds no messages; the messages are collected only
        // for an event that fails it.
        if (schema.general().validate(event, OutputFormat.BOOLEAN)) {
            return List.of();
        }
        return schema.general().validate(event).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The violations of a raw record value; a value that is not JSON yields one violation. */
    public static List<String> violations(byte[] value) {
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(value);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return List.of("not a JSON object");
        }
        return violations(node);
    }

    /** Whether a schema exists for the given type name and version. */
    public static boolean isKnown(String type, int schemaVersion) {
        return schemaOf(type, schemaVersion).isPresent();
    }

    /** The schema of a type and version, if any (package-private for the tests that hold its two forms together). */
    static Optional<Schema> schemaOf(String type, int version) {
        if (version < 1) {
            return Optional.empty();
        }
        // Only names that passed the check are cached: the check runs once per name, not once per event.
        Map<Integer, Optional<Schema>> versions = CACHE.get(type);
        Optional<Schema> cached = versions == null ? null : versions.get(version);
        if (cached != null) {
            return cached;
        }
        if (!TYPE_NAME.matcher(type).matches()) {
            return Optional.empty();
        }
        return CACHE.computeIfAbsent(type, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(version, v -> load("event-schemas/" + type + ".v" + v + ".schema.json"));
    }

    private static Optional<Schema> load(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] text = in.readAllBytes();
            return Optional.of(new Schema(text, CompiledSchema.compile(EventJson.mapper().readTree(text))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    /**
     * One schema, two ways: its plain checks, and the general validator's, loaded when an event first needs it (the
     * events producers write never do).
     */
    static final class Schema {
        private final byte[] text;
        private final CompiledSchema compiled;
        private volatile JsonSchema general;

        Schema(byte[] text, CompiledSchema compiled) {
            this.text = text;
            this.compiled = compiled;
        }

        /** The plain checks, null when the schema uses what {@link CompiledSchema} does not know. */
        CompiledSchema compiled() {
            return compiled;
        }

        /** The general validator's, the judge. */
        JsonSchema general() {
            JsonSchema loaded = general;
            if (loaded == null) {
                synchronized (this) {
                    loaded = general;
                    if (loaded == null) {
                        loaded = GeneralValidator.FACTORY.getSchema(new ByteArrayInputStream(text),
                                GeneralValidator.CONFIG);
                        general = loaded;
                    }
                }
            }
            return loaded;
        }
    }

    /** The general validator's set-up, made when a schema of it is first needed. */
    private static final class GeneralValidator {
        static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .build();
    }
}
