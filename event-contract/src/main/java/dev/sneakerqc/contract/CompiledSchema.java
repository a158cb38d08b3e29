package dev.sneakerqc.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An event schema compiled to plain checks: the quick way through for the events producers write, in front of the
 * general JSON Schema validator ({@link EventSchemas}), which stays the judge of everything else and the source of
 * the messages.
 *
 * <p>It knows the keywords the event schemas use (draft 2020-12): {@code type}, {@code const}, {@code enum},
 * {@code minLength}, {@code maxLength}, {@code pattern}, {@code format} {@code uuid} and {@code date-time},
 * {@code minimum}, {@code maximum}, {@code required}, {@code properties}, {@code additionalProperties},
 * {@code items}, {@code minItems}, {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code if} /
 * {@code then} / {@code else} and {@code $ref} to {@code #/$defs/...}; a schema with any other keyword does not
 * compile ({@link #compile} answers null) and every event of it goes to the general validator.
 *
 * <p>Its answer is {@link Result#VALID} only where the event is valid beyond doubt, and {@link Result#INVALID}
 * only where it is invalid beyond doubt; everything between is {@link Result#UNSURE}: a number that is not an
 * integer token (is {@code 2.0} an integer?), a number compared with a constant of another kind, a {@code uuid} or
 * {@code date-time} not in the canonical form that {@link java.util.UUID#toString} and
 * {@link java.time.Instant#toString} write. Patterns run on {@link Pattern#compile} with {@code find()}, as the
 * general validator runs them. {@code CompiledSchemaTest} holds both to the same answer on thousands of events,
 * valid and broken.
 */
final class CompiledSchema {

    /** The answer for one JSON value. */
    enum Result {
        VALID, INVALID, UNSURE;

        Result and(Result other) {
            if (this == INVALID || other == INVALID) {
                return INVALID;
            }
            return this == UNSURE || other == UNSURE ? UNSURE : VALID;
        }

        Result negate() {
            return this == VALID ? INVALID : this == INVALID ? VALID : UNSURE;
        }
    }

    /** A schema that uses what this compiler does not know. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Check {
        Result check(JsonNode node);
    }

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$defs", "title",
            "description", "examples", "default", "deprecated", "readOnly", "writeOnly");
    private static final String DEFS = "#/$defs/";

    private final Check root;

    private CompiledSchema(Check root) {
        this.root = root;
    }

    /** The compiled schema, or null when it uses a keyword or form this compiler does not know. */
    static CompiledSchema compile(JsonNode schema) {
        try {
            return new CompiledSchema(new Compiler(schema).compile(schema, true));
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Like {@link #compile}, but says what it could not compile. */
    static CompiledSchema compileOrThrow(JsonNode schema) {
        return new CompiledSchema(new Compiler(schema).compile(schema, true));
    }

    Result check(JsonNode event) {
        return root.check(event);
    }

    private static final class Compiler {
        private final JsonNode rootSchema;
        private final Deque<String> resolving = new ArrayDeque<>();

        Compiler(JsonNode rootSchema) {
            this.rootSchema = rootSchema;
        }

        Check compile(JsonNode schema, boolean isRoot) {
            if (schema.isBoolean()) {
                Result fixed = schema.booleanValue() ? Result.VALID : Result.INVALID;
                return node -> fixed;
            }
            if (!schema.isObject()) {
                throw new Unsupported("a schema must be an object or a boolean: " + schema);
            }
            if (!isRoot && (schema.has("$id") || schema.has("$defs"))) {
                throw new Unsupported("$id and $defs only at the root");
            }
            List<Check> checks = new ArrayList<>();
            Map<String, Check> properties = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String keyword = field.getKey();
                JsonNode value = field.getValue();
                switch (keyword) {
                    case "type" -> checks.add(type(value));
                    case "const" -> checks.add(node -> sameValue(node, value));
                    case "enum" -> checks.add(oneOfValues(value));
                    case "minLength" -> {
                        int min = count(value);
                        checks.add(node -> !node.isTextual() ? Result.VALID
                                : decided(codePoints(node.textValue()) >= min));
                    }
                    case "maxLength" -> {
                        int max = count(value);
                        checks.add(node -> !node.isTextual() ? Result.VALID
                                : decided(codePoints(node.textValue()) <= max));
                    }
                    case "pattern" -> {
                        Pattern pattern = Pattern.compile(text(value));
                        checks.add(node -> !node.isTextual() ? Result.VALID
                                : decided(pattern.matcher(node.textValue()).find()));
                    }
                    case "format" -> checks.add(format(text(value)));
                    case "minimum" -> {
                        Bound min = bound(value);
                        checks.add(node -> min.compare(node, true));
                    }
                    case "maximum" -> {
                        Bound max = bound(value);
                        checks.add(node -> max.compare(node, false));
                    }
                    case "required" -> checks.add(required(value));
                    case "properties" -> {
                        for (Iterator<Map.Entry<String, JsonNode>> named = objectOf(value).fields(); named.hasNext(); ) {
                            Map.Entry<String, JsonNode> property = named.next();
                            properties.put(property.getKey(), compile(property.getValue(), false));
                        }
                    }
                    case "additionalProperties", "then", "else" -> {
                        // compiled below, with the keywords they depend on
                    }
                    case "items" -> {
                        Check items = compile(value, false);
                        checks.add(node -> {
                            if (!node.isArray()) {
                                return Result.VALID;
                            }
                            Result result = Result.VALID;
                            for (JsonNode item : node) {
                                result = result.and(items.check(item));
                                if (result == Result.INVALID) {
                                    return result;
                                }
                            }
                            return result;
                        });
                    }
                    case "minItems" -> {
                        int min = count(value);
                        checks.add(node -> !node.isArray() ? Result.VALID : decided(node.size() >= min));
                    }
                    case "allOf" -> checks.add(allOf(subschemas(value)));
                    case "anyOf" -> checks.add(anyOf(subschemas(value)));
                    case "oneOf" -> checks.add(oneOf(subschemas(value)));
                    case "not" -> {
                        Check negated = compile(value, false);
                        checks.add(node -> negated.check(node).negate());
                    }
                    case "if" -> checks.add(conditional(compile(value, false), schema.get("then"), schema.get("else")));
                    case "$ref" -> checks.add(reference(text(value)));
                    default -> {
                        if (!ANNOTATIONS.contains(keyword)) {
                            throw new Unsupported("keyword " + keyword);
                        }
                    }
                }
            }
            if (!properties.isEmpty()) {
                checks.add(properties(properties));
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null) {
                checks.add(additionalProperties(properties.keySet(), compile(additional, false)));
            }
            return allOf(checks);
        }

        private Check reference(String ref) {
            if (!ref.startsWith(DEFS) || ref.indexOf('/', DEFS.length()) >= 0 || ref.indexOf('~') >= 0
                    || ref.indexOf('%') >= 0) {
                throw new Unsupported("$ref " + ref);
            }
            JsonNode target = rootSchema.path("$defs").get(ref.substring(DEFS.length()));
            if (target == null) {
                throw new Unsupported("$ref to nothing: " + ref);
            }
            if (resolving.contains(ref)) {
                throw new Unsupported("recursive $ref " + ref);
            }
            resolving.push(ref);
            try {
                return compile(target, false);
            } finally {
                resolving.pop();
            }
        }

        private List<Check> subschemas(JsonNode value) {
            if (!value.isArray() || value.isEmpty()) {
                throw new Unsupported("a list of subschemas expected: " + value);
            }
            List<Check> checks = new ArrayList<>();
            value.forEach(subschema -> checks.add(compile(subschema, false)));
            return checks;
        }

        private Check conditional(Check condition, JsonNode thenSchema, JsonNode elseSchema) {
            Check then = thenSchema == null ? node -> Result.VALID : compile(thenSchema, false);
            Check otherwise = elseSchema == null ? node -> Result.VALID : compile(elseSchema, false);
            return node -> switch (condition.check(node)) {
                case VALID -> then.check(node);
                case INVALID -> otherwise.check(node);
                case UNSURE -> Result.UNSURE;
            };
        }
    }

    private static Check allOf(List<Check> checks) {
        Check[] all = checks.toArray(Check[]::new);
        if (all.length == 1) {
            return all[0];
        }
        return node -> {
            Result result = Result.VALID;
            for (Check check : all) {
                result = result.and(check.check(node));
                if (result == Result.INVALID) {
                    return result;
                }
            }
            return result;
        };
    }

    private static Check anyOf(List<Check> checks) {
        Check[] any = checks.toArray(Check[]::new);
        return node -> {
            Result result = Result.INVALID;
            for (Check check : any) {
                Result one = check.check(node);
                if (one == Result.VALID) {
                    return Result.VALID;
                }
                if (one == Result.UNSURE) {
                    result = Result.UNSURE;
                }
            }
            return result;
        };
    }

    private static Check oneOf(List<Check> checks) {
        Check[] branches = checks.toArray(Check[]::new);
        return node -> {
            int valid = 0;
            boolean unsure = false;
            for (Check branch : branches) {
                switch (branch.check(node)) {
                    case VALID -> valid++;
                    case UNSURE -> unsure = true;
                    case INVALID -> {
                    }
                }
            }
            if (valid > 1) {
                return Result.INVALID;
            }
            if (unsure) {
                return Result.UNSURE;
            }
            return decided(valid == 1);
        };
    }

    private static Check type(JsonNode value) {
        List<String> names = new ArrayList<>();
        if (value.isTextual()) {
            names.add(value.textValue());
        } else if (value.isArray() && !value.isEmpty()) {
            value.forEach(name -> names.add(text(name)));
        } else {
            throw new Unsupported("type " + value);
        }
        List<Check> any = new ArrayList<>();
        for (String name : names) {
            any.add(switch (name) {
                case "string" -> node -> decided(node.isTextual());
                case "object" -> node -> decided(node.isObject());
                case "array" -> node -> decided(node.isArray());
                case "boolean" -> node -> decided(node.isBoolean());
                case "null" -> node -> decided(node.isNull());
                case "number" -> node -> decided(node.isNumber());
                // 2.0 is an integer to JSON Schema; whether a validator agrees is not this class's call
                case "integer" -> node -> node.isIntegralNumber() ? Result.VALID
                        : node.isNumber() ? Result.UNSURE : Result.INVALID;
                default -> throw new Unsupported("type " + name);
            });
        }
        return any.size() == 1 ? any.get(0) : anyOf(any);
    }

    /**
     * {@code const}: equal tokens are the same value, and values of different JSON types differ; two unequal numbers
     * or containers are left open (is 2.0 the same as 2?).
     */
    private static Result sameValue(JsonNode node, JsonNode expected) {
        if (node.equals(expected)) {
            return Result.VALID;
        }
        if (node.getNodeType() != expected.getNodeType()) {
            return Result.INVALID;
        }
        return node.isNumber() || node.isContainerNode() ? Result.UNSURE : Result.INVALID;
    }

    private static Check oneOfValues(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            throw new Unsupported("enum " + values);
        }
        List<JsonNode> allowed = new ArrayList<>();
        values.forEach(allowed::add);
        Set<JsonNode> lookup = new HashSet<>(allowed);
        return node -> {
            if (lookup.contains(node)) {
                return Result.VALID;
            }
            Result result = Result.INVALID;
            for (JsonNode value : allowed) {
                if (sameValue(node, value) == Result.UNSURE) {
                    result = Result.UNSURE;
                }
            }
            return result;
        };
    }

    private static Check required(JsonNode value) {
        if (!value.isArray()) {
            throw new Unsupported("required " + value);
        }
        List<String> names = new ArrayList<>();
        value.forEach(name -> names.add(text(name)));
        String[] all = names.toArray(String[]::new);
        return node -> {
            if (!node.isObject()) {
                return Result.VALID;
            }
            for (String name : all) {
                if (!node.has(name)) {
                    return Result.INVALID;
                }
            }
            return Result.VALID;
        };
    }

    private static Check properties(Map<String, Check> properties) {
        String[] names = properties.keySet().toArray(String[]::new);
        Check[] checks = properties.values().toArray(Check[]::new);
        return node -> {
            if (!node.isObject()) {
                return Result.VALID;
            }
            Result result = Result.VALID;
            for (int i = 0; i < names.length; i++) {
                JsonNode property = node.get(names[i]);
                if (property != null) {
                    result = result.and(checks[i].check(property));
                    if (result == Result.INVALID) {
                        return result;
                    }
                }
            }
            return result;
        };
    }

    private static Check additionalProperties(Set<String> declared, Check additional) {
        Set<String> known = Set.copyOf(declared);
        return node -> {
            if (!node.isObject()) {
                return Result.VALID;
            }
            Result result = Result.VALID;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!known.contains(field.getKey())) {
                    result = result.and(additional.check(field.getValue()));
                    if (result == Result.INVALID) {
                        return result;
                    }
                }
            }
            return result;
        };
    }

    private static Check format(String format) {
        return switch (format) {
            case "uuid" -> node -> !node.isTextual() ? Result.VALID
                    : isCanonicalUuid(node.textValue()) ? Result.VALID : Result.UNSURE;
            case "date-time" -> node -> !node.isTextual() ? Result.VALID
                    : isCanonicalInstant(node.textValue()) ? Result.VALID : Result.UNSURE;
            default -> throw new Unsupported("format " + format);
        };
    }

    /**
     * A {@code minimum} or {@code maximum}. Integers compare exactly. Where a decimal takes part, the answer is
     * given only when its exact value and its nearest double lie on the same side of the bound, neither on it: then
     * a validator comparing either way agrees.
     */
    private record Bound(BigDecimal exact, BigInteger integer, double approximate) {

        Result compare(JsonNode node, boolean lower) {
            if (!node.isNumber()) {
                return Result.VALID;
            }
            int comparison;
            if (integer != null && node.isIntegralNumber()) {
                comparison = node.canConvertToLong() && integer.bitLength() < 64
                        ? Long.compare(node.longValue(), integer.longValue())
                        : node.bigIntegerValue().compareTo(integer);
            } else {
                comparison = node.decimalValue().compareTo(exact);
                if (comparison == 0 || Integer.signum(Double.compare(node.doubleValue(), approximate)) != comparison) {
                    return Result.UNSURE;
                }
            }
            return decided(lower ? comparison >= 0 : comparison <= 0);
        }
    }

    private static Bound bound(JsonNode value) {
        if (!value.isNumber()) {
            throw new Unsupported("a number expected: " + value);
        }
        return new Bound(value.decimalValue(), value.isIntegralNumber() ? value.bigIntegerValue() : null,
                value.doubleValue());
    }

    /** 8-4-4-4-12 hexadecimal digits, as {@link java.util.UUID#toString} writes them. */
    static boolean isCanonicalUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} with 1–9 digits of fraction or none, in UTC ({@code Z}), a real calendar day of
     * a year from 1000 on and no leap second: the form {@link java.time.Instant#toString} writes.
     */
    static boolean isCanonicalInstant(String text) {
        return canonicalInstant(text) != null;
    }

    /** The instant a text in the form of {@link #isCanonicalInstant} names, null when it is not in that form. */
    static Instant canonicalInstant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int fraction = length - 21; // the digits between '.' and 'Z', none when negative
        int nanos = fraction > 0 ? digits(text, 20, fraction) : 0;
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (nanos < 0 || year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        for (int i = fraction; i < 9; i++) {
            nanos *= 10;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The number of {@code count} decimal digits from {@code from}, -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    private static Result decided(boolean valid) {
        return valid ? Result.VALID : Result.INVALID;
    }

    private static String text(JsonNode value) {
        if (!value.isTextual()) {
            throw new Unsupported("a string expected: " + value);
        }
        return value.textValue();
    }

    private static int count(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new Unsupported("a count expected: " + value);
        }
        return value.intValue();
    }

    private static JsonNode objectOf(JsonNode value) {
        if (!value.isObject()) {
            throw new Unsupported("an object expected: " + value);
        }
        return value;
    }
}
