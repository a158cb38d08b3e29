package dev.sneakerqc.contract;

import java.util.Objects;

/**
 * One event type at one schema version, and the Java type of its {@code data}.
 *
 * <p>The JSON Schema of the whole event (envelope and data) is the resource
 * {@code event-schemas/<name>.v<schemaVersion>.schema.json} of this module.
 *
 * @param name          the {@code type} field of the envelope and the CloudEvents {@code ce_type}
 * @param schemaVersion the {@code schemaVersion} field of the envelope
 * @param dataClass     the record the {@code data} field maps to
 * @param <T>           the data type
 */
public record EventType<T>(String name, int schemaVersion, Class<T> dataClass) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataClass, "dataClass");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1");
        }
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaResource() {
        return "event-schemas/" + name + ".v" + schemaVersion + ".schema.json";
    }

    /** URN naming the schema of a type name and version, sent as the CloudEvents {@code ce_dataschema} attribute. */
    public static String schemaUrn(String name, int schemaVersion) {
        return "urn:sneakerqc:event-schema:" + name + ":v" + schemaVersion;
    }
}
