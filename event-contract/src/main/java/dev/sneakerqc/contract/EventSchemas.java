package dev.sneakerqc.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

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
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, Optional<JsonSchema>> CACHE = new ConcurrentHashMap<>();
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
        JsonSchema schema = schemaOf(type, version)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no schema for event type '" + type + "' version " + version));
        // Valid events are the rule: a pass/fail check stops at the first violation and builds no messages; the
        // messages are collected only for an event that fails it.
        if (schema.validate(event, OutputFormat.BOOLEAN)) {
            return List.of();
        }
        return schema.validate(event).stream().map(ValidationMessage::getMessage).sorted().toList();
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

    private static Optional<JsonSchema> schemaOf(String type, int version) {
        if (version < 1) {
            return Optional.empty();
        }
        String resource = "event-schemas/" + type + ".v" + version + ".schema.json";
        // Only names that passed the check are cached: the check runs once per name, not once per event.
        Optional<JsonSchema> cached = CACHE.get(resource);
        if (cached != null) {
            return cached;
        }
        if (!TYPE_NAME.matcher(type).matches()) {
            return Optional.empty();
        }
        return CACHE.computeIfAbsent(resource, EventSchemas::load);
    }

    private static Optional<JsonSchema> load(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(FACTORY.getSchema(in, CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }
}
