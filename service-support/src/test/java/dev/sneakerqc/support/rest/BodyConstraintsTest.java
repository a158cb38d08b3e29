package dev.sneakerqc.support.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sneakerqc.support.problem.FieldError;
import dev.sneakerqc.support.problem.ProblemException;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyConstraintsTest {

    /** Upper case only; null passes. */
    @Constraint(validatedBy = UpperCase.Check.class)
    @Target({ElementType.FIELD, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    @interface UpperCase {
        String message() default "must be upper case";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<UpperCase, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || value.equals(value.toUpperCase());
            }
        }
    }

    record Line(@NotNull @UpperCase String code,
                @NotNull @PositiveOrZero @Max(1000) Long cents,
                @DecimalMin("-10") @DecimalMax(value = "10", inclusive = false) BigDecimal reading) {
    }

    record Limits(@JsonProperty("MAJOR") @NotNull BigDecimal major) {
    }

    record Order(@NotBlank @Size(max = 5) String name,
                 @NotNull @Min(1) @Max(10) Integer quantity,
                 @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with white space") String note,
                 @Pattern(regexp = "[a-z]+") String tag,
                 @NotNull @Valid Limits limits,
                 @NotEmpty @Size(max = 3) List<@NotNull @Valid Line> lines,
                 String free) {
    }

    record WithEmail(@Email String address) {
    }

    record ValidList(@Valid List<Line> lines) {
    }

    record WithSet(Set<@NotNull String> codes) {
    }

    private static Line line(String code, Long cents) {
        return new Line(code, cents, BigDecimal.ONE);
    }

    private static Order order(List<Line> lines) {
        return new Order("Boot", 2, "ok", "tag", new Limits(BigDecimal.ONE), lines, null);
    }

    @Test
    void aBodyThatMeetsItsConstraintsPasses() {
        Order valid = order(List.of(line("A1", 0L), line("B", 1000L)));
        assertThat(BodyConstraints.check(valid)).isSameAs(valid);
        assertThat(BodyConstraints.violations(new Order("x", 1, null, null, new Limits(BigDecimal.TEN),
                List.of(new Line("C", 5L, null)), "anything"))).isEmpty();
    }

    @Test
    void noBodyIsTheBodyAtFault() {
        assertThat(BodyConstraints.violations(null)).containsExactly(new FieldError("body", "must not be null"));
        assertThatThrownBy(() -> BodyConstraints.check(null)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("body: must not be null");
    }

    @Test
    void everyFieldAtFaultIsNamedWithTheStandardMessagesSortedByField() {
        Order invalid = new Order("  ", 0, " padded", "UPPER", new Limits(null),
                Arrays.asList(line("ok", -1L), null, new Line(null, 1001L, BigDecimal.TEN)), null);
        assertThat(BodyConstraints.violations(invalid)).containsExactly(
                new FieldError("limits.MAJOR", "must not be null"),
                new FieldError("lines[0].cents", "must be greater than or equal to 0"),
                new FieldError("lines[0].code", "must be upper case"),
                new FieldError("lines[1]", "must not be null"),
                new FieldError("lines[2].cents", "must be less than or equal to 1000"),
                new FieldError("lines[2].code", "must not be null"),
                new FieldError("lines[2].reading", "must be less than 10"),
                new FieldError("name", "must not be blank"),
                new FieldError("note", "must not start or end with white space"),
                new FieldError("quantity", "must be greater than or equal to 1"),
                new FieldError("tag", "must match \"[a-z]+\""));
    }

    @Test
    void sizesAndBoundsOfCollectionsTextAndDecimals() {
        Order tooMany = new Order("toolong", 11, null, null, new Limits(BigDecimal.ONE),
                List.of(line("A", 1L), line("B", 1L), line("C", 1L), new Line("D", 1L, new BigDecimal("-10.5"))),
                null);
        assertThat(BodyConstraints.violations(tooMany)).containsExactly(
                new FieldError("lines", "size must be between 0 and 3"),
                new FieldError("lines[3].reading", "must be greater than or equal to -10"),
                new FieldError("name", "size must be between 0 and 5"),
                new FieldError("quantity", "must be less than or equal to 10"));
        assertThat(BodyConstraints.violations(order(List.of()))).containsExactly(
                new FieldError("lines", "must not be empty"));
        assertThat(BodyConstraints.violations(new Order(null, null, null, null, null, null, null)))
                .extracting(FieldError::field).containsExactly("limits", "lines", "name", "quantity");
    }

    @Test
    void validOnAListChecksInsideEachElement() {
        assertThat(BodyConstraints.violations(new ValidList(List.of(line("A", 1L), line("b", 1L)))))
                .containsExactly(new FieldError("lines[1].code", "must be upper case"));
    }

    @Test
    void aConstraintItCannotCheckIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> BodyConstraints.violations(new WithEmail("a@b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@Email is not supported");
        assertThatThrownBy(() -> BodyConstraints.violations(new WithSet(Set.of("A"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only on a List's elements");
    }
}
