package dev.sneakerqc.catalog.service;

import dev.sneakerqc.catalog.domain.QcProfileVersion;
import dev.sneakerqc.catalog.persistence.QcProfileRepository;
import dev.sneakerqc.catalog.persistence.SneakerModelRepository;
import dev.sneakerqc.contract.qc.AcceptanceQualityLimits;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.support.problem.FieldError;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Keeps the versioned QC profiles of models: what QC tests each batch of the model, and the limits. */
@ApplicationScoped
public class QcProfileService {

    /**
     * Result of saving a profile.
     *
     * @param profile the latest version
     * @param created whether a new version was created (false when the content equals the latest version)
     */
    public record Saved(QcProfile profile, boolean created) {
    }

    private final QcProfileRepository profiles;
    private final SneakerModelRepository models;
    private final Clock clock;

    public QcProfileService(QcProfileRepository profiles, SneakerModelRepository models, Clock clock) {
        this.profiles = profiles;
        this.models = models;
        this.clock = clock;
    }

    /** Saves the profile's content as the next version, unless it says the same as the latest one. */
    @Transactional
    public Saved save(String styleCode, InspectionLevel level, QcProfile.Aql aql, List<QcProfile.QcTest> tests) {
        List<QcProfile.QcTest> normalized = validate(aql, tests);
        // Locking the model serializes concurrent saves of its profile, so versions stay 1, 2, 3, …
        models.findByIdOptional(styleCode, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Problems.notFound("model", styleCode));
        Optional<QcProfileVersion> latest = profiles.latest(styleCode);
        if (latest.isPresent() && latest.get().sameContentAs(level, aql, normalized)) {
            return new Saved(latest.get().toProfile(), false);
        }
        int next = latest.map(version -> version.version() + 1).orElse(1);
        QcProfileVersion version = new QcProfileVersion(styleCode, next, level, aql, normalized, clock.instant());
        profiles.persist(version);
        return new Saved(version.toProfile(), true);
    }

    public QcProfile latest(String styleCode) {
        requireModel(styleCode);
        return profiles.latest(styleCode).map(QcProfileVersion::toProfile)
                .orElseThrow(() -> Problems.notFound("QC profile of model", styleCode));
    }

    public QcProfile version(String styleCode, int version) {
        requireModel(styleCode);
        return profiles.version(styleCode, version).map(QcProfileVersion::toProfile)
                .orElseThrow(() -> Problems.notFound("QC profile version " + version + " of model", styleCode));
    }

    private void requireModel(String styleCode) {
        if (models.findByIdOptional(styleCode).isEmpty()) {
            throw Problems.notFound("model", styleCode);
        }
    }

    /** Checks what bean validation cannot: AQLs from the tables, limits, units, one test per method. */
    private static List<QcProfile.QcTest> validate(QcProfile.Aql aql, List<QcProfile.QcTest> tests) {
        List<FieldError> errors = new ArrayList<>();
        String allowedAqls = "must be one of the Z1.4 table AQLs: " + AcceptanceQualityLimits.allowedValues();
        if (!AcceptanceQualityLimits.isTableValue(aql.major())) {
            errors.add(new FieldError("aql.MAJOR", allowedAqls));
        }
        if (!AcceptanceQualityLimits.isTableValue(aql.minor())) {
            errors.add(new FieldError("aql.MINOR", allowedAqls));
        }
        Set<DurabilityTestMethod> seen = EnumSet.noneOf(DurabilityTestMethod.class);
        List<QcProfile.QcTest> normalized = new ArrayList<>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            QcProfile.QcTest test = tests.get(i);
            String at = "tests[" + i + "]";
            DurabilityTestMethod method = test.method();
            if (!seen.add(method)) {
                errors.add(new FieldError(at + ".method", method + " appears more than once; one test per method"));
            }
            if (test.min() == null && test.max() == null) {
                errors.add(new FieldError(at, "needs a min, a max or both"));
            }
            checkPossible(method, test.min(), at + ".min", errors);
            checkPossible(method, test.max(), at + ".max", errors);
            if (test.min() != null && test.max() != null && test.min().compareTo(test.max()) > 0) {
                errors.add(new FieldError(at + ".max", "must not be below min"));
            }
            if (test.unit() != null && !method.acceptsUnit(test.unit())) {
                errors.add(new FieldError(at + ".unit", method + " is measured in " + method.unit()));
            }
            normalized.add(new QcProfile.QcTest(method, test.defectClass(), test.min(), test.max(), method.unit()));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return normalized;
    }

    private static void checkPossible(DurabilityTestMethod method, BigDecimal limit, String field,
                                      List<FieldError> errors) {
        if (limit != null && !method.isPossible(limit)) {
            errors.add(new FieldError(field, "a " + method + " value lies between " + method.lowestPossible()
                    + " and " + (method.highestPossible() == null ? "any higher value" : method.highestPossible())
                    + " " + method.unit()));
        }
    }
}
