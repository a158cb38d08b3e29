package dev.sneakerqc.support.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sneakerqc.support.problem.FieldError;
import dev.sneakerqc.support.problem.Problems;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks a request body against the Jakarta Validation constraints declared on its record components, and answers a
 * body that breaks any with a 400 problem naming every field at fault ({@code materialLots[1].supplierLotNumber}),
 * as a Bean Validation provider would, with its messages.
 *
 * <p>The constraints stay declared on the request records, where the OpenAPI document reads them too; this class
 * reads them the first time a body of a type is checked, not at start. A Bean Validation provider builds the
 * metadata of every constrained class before the service is ready: a catalog restart was 0.24–0.5 s slower with
 * it, at medians of 2.1–2.6 s (see bench/HISTORY.md, "Request bodies checked without Hibernate Validator").
 *
 * <p>Supported: {@link NotNull}, {@link NotBlank}, {@link NotEmpty}, {@link Size}, {@link Min}, {@link Max},
 * {@link DecimalMin}, {@link DecimalMax}, {@link PositiveOrZero}, {@link Pattern}, {@link Valid} on a record or on
 * a list (checking inside each element), constraints on a list's elements as its type argument's annotations
 * ({@code List<@NotNull @Valid Line>}), and constraints of
 * the application's own ({@link Constraint} with a {@link ConstraintValidator} that does not use its context). A
 * record declaring any other constraint, or constraints on the type arguments of anything but a list, fails its
 * first check with an {@link IllegalStateException}, so a constraint is never silently ignored.
 */
public final class BodyConstraints {

    private static final ClassValue<List<ComponentRules>> RULES = new ClassValue<>() {
        @Override
        protected List<ComponentRules> computeValue(Class<?> type) {
            return rulesOf(type);
        }
    };

    private BodyConstraints() {
    }

    /**
     * The body, when it is present and meets its constraints.
     *
     * @throws dev.sneakerqc.support.problem.ProblemException a 400 validation problem listing each field at fault,
     *                                                        {@code body} when there is no body
     */
    public static <T> T check(T body) {
        List<FieldError> errors = violations(body);
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return body;
    }

    /** The fields at fault in a body, sorted by field and message; {@code body} when there is none. */
    public static List<FieldError> violations(Object body) {
        if (body == null) {
            return List.of(new FieldError("body", "must not be null"));
        }
        List<FieldError> errors = new ArrayList<>();
        checkRecord(body, "", errors);
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    private static void checkRecord(Object value, String prefix, List<FieldError> errors) {
        if (!value.getClass().isRecord()) {
            return;
        }
        for (ComponentRules component : RULES.get(value.getClass())) {
            Object componentValue = component.read(value);
            String field = prefix.isEmpty() ? component.name() : prefix + "." + component.name();
            check(componentValue, field, component.rules(), errors);
        }
    }

    private static void check(Object value, String field, Rules rules, List<FieldError> errors) {
        for (Rule rule : rules.rules()) {
            if (!rule.test().test(value)) {
                errors.add(new FieldError(field, rule.message()));
            }
        }
        if (value == null || !rules.cascade()) {
            return;
        }
        if (value instanceof List<?> list) {
            if (rules.elements() != null) {
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), field + "[" + i + "]", rules.elements(), errors);
                }
            }
        } else {
            checkRecord(value, field, errors);
        }
    }

    /** A constraint: what a value must pass, and the message when it does not. */
    private record Rule(Predicate<Object> test, String message) {
    }

    /** The constraints of a value, whether to check inside it, and those of a list's elements. */
    private record Rules(List<Rule> rules, boolean cascade, Rules elements) {
    }

    private record ComponentRules(String name, Method accessor, Rules rules) {

        Object read(Object record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            }
        }
    }

    /** The checked components of a record type ({@link #checkRecord} passes only records). */
    private static List<ComponentRules> rulesOf(Class<?> type) {
        List<ComponentRules> components = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Field field;
            try {
                field = type.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("record " + type.getName() + " has no field " + component.getName(), e);
            }
            Rules rules = rules(field.getAnnotations(), field.getAnnotatedType(), type.getName() + "." + field.getName());
            if (rules.rules().isEmpty() && !rules.cascade()) {
                continue;
            }
            JsonProperty json = field.getAnnotation(JsonProperty.class);
            String name = json != null && !json.value().isEmpty() ? json.value() : component.getName();
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            components.add(new ComponentRules(name, accessor, rules));
        }
        return List.copyOf(components);
    }

    private static Rules rules(Annotation[] annotations, AnnotatedType type, String where) {
        List<Rule> rules = new ArrayList<>();
        boolean cascade = false;
        for (Annotation annotation : annotations) {
            if (annotation instanceof Valid) {
                cascade = true;
            } else {
                Rule rule = rule(annotation, where);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        Rules elements = null;
        if (type instanceof AnnotatedParameterizedType parameterized) {
            boolean list = ((ParameterizedType) parameterized.getType()).getRawType() == List.class;
            for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                Rules argumentRules = rules(argument.getAnnotations(), argument, where + "[]");
                if (argumentRules.rules().isEmpty() && !argumentRules.cascade()) {
                    continue;
                }
                if (!list) {
                    throw new IllegalStateException(where + ": constraints on the type arguments of a "
                            + parameterized.getType() + " are not supported by "
                            + BodyConstraints.class.getSimpleName() + ", only on a List's elements");
                }
                elements = argumentRules;
                cascade = true;
            }
            if (list && cascade && elements == null) {
                // @Valid on the list itself, as Bean Validation reads it: check inside each element.
                elements = new Rules(List.of(), true, null);
            }
        }
        return new Rules(List.copyOf(rules), cascade, elements);
    }

    /** The rule of a constraint annotation; null for an annotation that is not a constraint. */
    private static Rule rule(Annotation annotation, String where) {
        return switch (annotation) {
            case NotNull a -> new Rule(value -> value != null, message(a.message(), "must not be null"));
            case NotBlank a -> new Rule(value -> value != null && !value.toString().trim().isEmpty(),
                    message(a.message(), "must not be blank"));
            case NotEmpty a -> new Rule(value -> value != null && size(value) > 0,
                    message(a.message(), "must not be empty"));
            case Size a -> new Rule(value -> value == null || within(size(value), a.min(), a.max()),
                    message(a.message(), "size must be between " + a.min() + " and " + a.max()));
            case Min a -> new Rule(value -> value == null || decimal(value).compareTo(BigDecimal.valueOf(a.value())) >= 0,
                    message(a.message(), "must be greater than or equal to " + a.value()));
            case Max a -> new Rule(value -> value == null || decimal(value).compareTo(BigDecimal.valueOf(a.value())) <= 0,
                    message(a.message(), "must be less than or equal to " + a.value()));
            case DecimalMin a -> {
                BigDecimal bound = new BigDecimal(a.value());
                yield new Rule(value -> value == null || compare(decimal(value), bound, a.inclusive()) >= 0,
                        message(a.message(), "must be greater than " + (a.inclusive() ? "or equal to " : "")
                                + a.value()));
            }
            case DecimalMax a -> {
                BigDecimal bound = new BigDecimal(a.value());
                yield new Rule(value -> value == null || compare(bound, decimal(value), a.inclusive()) >= 0,
                        message(a.message(), "must be less than " + (a.inclusive() ? "or equal to " : "")
                                + a.value()));
            }
            case PositiveOrZero a -> new Rule(value -> value == null || decimal(value).signum() >= 0,
                    message(a.message(), "must be greater than or equal to 0"));
            case Pattern a -> {
                java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(a.regexp(), flags(a.flags()));
                yield new Rule(value -> value == null || pattern.matcher(value.toString()).matches(),
                        message(a.message(), "must match \"" + a.regexp() + "\""));
            }
            default -> ownConstraint(annotation, where);
        };
    }

    /** -1, 0 or 1 as {@code a} is below, at or above {@code b}; at the bound counts as below when exclusive. */
    private static int compare(BigDecimal a, BigDecimal b, boolean inclusive) {
        int comparison = a.compareTo(b);
        return comparison == 0 && !inclusive ? -1 : comparison;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Rule ownConstraint(Annotation annotation, String where) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (type.getPackageName().startsWith("jakarta.validation")) {
            throw new IllegalStateException(where + ": constraint @" + type.getSimpleName()
                    + " is not supported by " + BodyConstraints.class.getSimpleName());
        }
        Constraint constraint = type.getAnnotation(Constraint.class);
        if (constraint == null) {
            return null;
        }
        if (constraint.validatedBy().length != 1) {
            throw new IllegalStateException(where + ": constraint @" + type.getSimpleName()
                    + " must name exactly one validator");
        }
        ConstraintValidator validator;
        String message;
        try {
            validator = constraint.validatedBy()[0].getDeclaredConstructor().newInstance();
            message = (String) type.getMethod("message").invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(where + ": cannot set up constraint @" + type.getSimpleName(), e);
        }
        validator.initialize(annotation);
        return new Rule(value -> validator.isValid(value, null), message);
    }

    /** The annotation's own message, or the standard one when it keeps the default template. */
    private static String message(String declared, String standard) {
        return declared.startsWith("{jakarta.validation.constraints.") ? standard : declared;
    }

    private static boolean within(int size, int min, int max) {
        return size >= min && size <= max;
    }

    private static int size(Object value) {
        return switch (value) {
            case CharSequence text -> text.length();
            case Collection<?> collection -> collection.size();
            case Map<?, ?> map -> map.size();
            case Object[] array -> array.length;
            default -> throw new IllegalStateException("no size for a " + value.getClass().getName());
        };
    }

    private static BigDecimal decimal(Object value) {
        return switch (value) {
            case BigDecimal decimal -> decimal;
            case Integer number -> BigDecimal.valueOf(number);
            case Long number -> BigDecimal.valueOf(number);
            case Short number -> BigDecimal.valueOf(number);
            case Byte number -> BigDecimal.valueOf(number);
            case java.math.BigInteger number -> new BigDecimal(number);
            case Number number -> new BigDecimal(number.toString());
            case CharSequence text -> new BigDecimal(text.toString());
            default -> throw new IllegalStateException("not a number: a " + value.getClass().getName());
        };
    }

    private static int flags(Pattern.Flag[] flags) {
        int bits = 0;
        for (Pattern.Flag flag : flags) {
            bits |= flag.getValue();
        }
        return bits;
    }
}
