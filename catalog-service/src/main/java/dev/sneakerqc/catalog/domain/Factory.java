package dev.sneakerqc.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A factory that makes batches, identified by a short code such as {@code SKO} (Skowhegan, Maine). */
@Entity
@Table(name = "factory")
public class Factory {

    public static final String UNITED_STATES = "US";

    @Id
    private String code;
    private String name;
    private String city;
    private String region;
    private String country;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Factory() {
    }

    public Factory(String code, String name, String city, String region, String country, Instant createdAt) {
        this.code = code;
        this.name = name;
        this.city = city;
        this.region = region;
        this.country = country;
        this.createdAt = createdAt;
    }

    public boolean isInUnitedStates() {
        return UNITED_STATES.equals(country);
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String city() {
        return city;
    }

    public String region() {
        return region;
    }

    /** ISO 3166-1 alpha-2. */
    public String country() {
        return country;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
