package dev.sneakerqc.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one JSON mapping of events, independent of any service's REST configuration, so the bytes on the
 * topics do not change when a service's web layer does.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Decimals keep their scale (4.0 stays 4.0, not 4): what a consumer rebuilds equals what was stored.
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Consumers tolerate fields added to a schema version (additive change).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Decimal facts (shares, limits) stay exact.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes an envelope to the exact bytes published. */
    public static String write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + envelope.eventId(), e);
        }
    }

    /**
     * The JSON tree of an event's data as a consumer reads it: written to JSON, then read back by the parser that
     * reads events off the topics. The mapper's {@code valueToTree} reads through a token buffer instead, a second
     * kind of parser for the tree reader: a service that both writes and reads events then had the JIT compile the
     * tree reader again (in a fresh QC instance catching up on a backlog, about 1.8 s of the C2 compiler's time;
     * bench/HISTORY.md, "The JIT's work in a catch-up"). Numbers also come out as a consumer's would (an int
     * field as an int node, a decimal with its scale).
     */
    static JsonNode dataTree(Object data) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsBytes(data));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write event data " + data.getClass().getName(), e);
        }
    }

    /** Parses a record value into an envelope. */
    public static EventEnvelope read(byte[] value) {
        try {
            return MAPPER.readValue(value, EventEnvelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not an event envelope: " + preview(value), e);
        }
    }

    /**
     * The time stamp events carry: UTC, truncated to microseconds, the precision PostgreSQL keeps, so an
     * event read back from the database equals the one published.
     */
    public static Instant eventTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An event's time stamp from its JSON text: the form {@link Instant#toString} writes is read directly, any other
     * by {@link Instant#parse} (consumers read one for every event, and a fresh JVM runs the general parser slowly).
     *
     * @throws java.time.format.DateTimeParseException when it is not an instant
     */
    public static Instant parseTime(String text) {
        Instant canonical = CompiledSchema.canonicalInstant(text);
        return canonical != null ? canonical : Instant.parse(text);
    }

    private static String preview(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
