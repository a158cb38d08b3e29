package dev.sneakerqc.infra.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of type {@link dev.sneakerqc.infra.TestInfrastructure} in a test that uses {@link InfraTestResource};
 * the test resource sets it to the shared infrastructure, e.g. to stop and restart Kafka.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectInfrastructure {
}
