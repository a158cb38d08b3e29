package dev.sneakerqc.support.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The texts of JSON columns written without the ORM, in its mapping ({@link DatabaseJsonFormat}), each value written
 * once: rows that repeat a profile or a set of plans repeat a text written before.
 */
public final class JsonColumnTexts {

    private final Map<Object, String> texts;

    private JsonColumnTexts(Map<Object, String> texts) {
        this.texts = texts;
    }

    /** Written once per instance: for values shared among rows, which then need no hashing of their content. */
    public static JsonColumnTexts perInstance() {
        return new JsonColumnTexts(new IdentityHashMap<>());
    }

    /** Written once per distinct value (by {@code equals}). */
    public static JsonColumnTexts perValue() {
        return new JsonColumnTexts(new HashMap<>());
    }

    /** The value's JSON text; null stays null. */
    public String json(Object value) {
        return value == null ? null : texts.computeIfAbsent(value, JsonColumnTexts::write);
    }

    private static String write(Object value) {
        try {
            return DatabaseJsonFormat.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON column", e);
        }
    }
}
