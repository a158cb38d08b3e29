package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.domain.Factory;
import dev.sneakerqc.catalog.rest.validation.IsoCountry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Request and response bodies of the factories resource. */
public final class FactoryDto {

    private FactoryDto() {
    }

    /** A factory to register. */
    public record RegisterFactory(
            @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be 2 to 10 upper-case letters or digits")
            String code,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Size(max = 80) String city,
            @NotBlank @Size(max = 80) String region,
            @NotNull @IsoCountry String country) {
    }

    /** A registered factory. */
    public record FactoryView(String code, String name, String city, String region, String country,
                              Instant createdAt) {

        static FactoryView of(Factory factory) {
            return new FactoryView(factory.code(), factory.name(), factory.city(), factory.region(),
                    factory.country(), factory.createdAt());
        }
    }
}
