package dev.sneakerqc.qc.inspection;

import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.Verdict;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The inspection of a finished batch: waits for the model's QC profile (or for its stream to resume), then
 * opens with a snapshot of the profile and the sampling plan of each defect class, and ends with a verdict.
 * Every change advances {@link #lastEventSequence()}, the sequence of the QC event announcing it.
 */
@Entity
@Table(name = "inspection")
public class Inspection {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    @Id
    @Column(name = "batch_id")
    private UUID batchId;
    @Enumerated(EnumType.STRING)
    private InspectionStatus status;
    // Both JSON values are replaced, never changed in place: immutable to Hibernate, which then neither copies them
    // (a JSON round trip each) on load and flush nor compares them by anything but equals.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    private QcProfile profile;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    private Map<DefectClass, ClassPlan> plans;
    @Column(name = "sample_pairs")
    private Integer samplePairs;
    @Enumerated(EnumType.STRING)
    private Verdict verdict;
    @Column(name = "awaiting_reason")
    private String awaitingReason;
    @Column(name = "profile_attempts")
    private int profileAttempts;
    @Column(name = "next_profile_attempt_at")
    private Instant nextProfileAttemptAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "last_event_sequence")
    private long lastEventSequence;
    @Version
    private long version;

    protected Inspection() {
    }

    /** The inspection of a batch that just finished production: it waits for its QC profile. */
    public static Inspection awaitingProfile(UUID batchId, Instant finishedAt) {
        Inspection inspection = new Inspection();
        inspection.batchId = batchId;
        inspection.status = InspectionStatus.AWAITING_PROFILE;
        inspection.awaitingReason = "fetching the model's QC profile from the catalog";
        inspection.finishedAt = finishedAt;
        return inspection;
    }

    /**
     * An inspection waiting for its profile as its row holds it, read without the ORM (the opener's plain SQL);
     * what changes in it is written back by the caller.
     */
    public static Inspection awaitingProfileFromRow(UUID batchId, String awaitingReason, int profileAttempts,
                                                    Instant nextProfileAttemptAt, Instant finishedAt,
                                                    long lastEventSequence) {
        Inspection inspection = awaitingProfile(batchId, finishedAt);
        inspection.awaitingReason = awaitingReason;
        inspection.profileAttempts = profileAttempts;
        inspection.nextProfileAttemptAt = nextProfileAttemptAt;
        inspection.lastEventSequence = lastEventSequence;
        return inspection;
    }

    /** Opens with the profile snapshot and plans; returns the sequence of its InspectionOpened event. */
    public long open(QcProfile profileSnapshot, Map<DefectClass, ClassPlan> classPlans, int pairs, Instant at) {
        requireStatus(InspectionStatus.AWAITING_PROFILE);
        status = InspectionStatus.OPEN;
        profile = profileSnapshot;
        plans = new EnumMap<>(classPlans);
        samplePairs = pairs;
        awaitingReason = null;
        nextProfileAttemptAt = null;
        openedAt = at;
        return ++lastEventSequence;
    }

    /** Holds because the stream is discontinued; returns the sequence of its InspectionHeld event. */
    public long hold(String reason) {
        requireStatus(InspectionStatus.AWAITING_PROFILE);
        status = InspectionStatus.ON_HOLD;
        awaitingReason = reason;
        nextProfileAttemptAt = null;
        return ++lastEventSequence;
    }

    /** After the stream resumed: fetches the profile again, to open at the stream's new severity. */
    public void resume() {
        requireStatus(InspectionStatus.ON_HOLD);
        status = InspectionStatus.AWAITING_PROFILE;
        awaitingReason = "stream resumed; fetching the model's QC profile from the catalog";
        profileAttempts = 0;
        nextProfileAttemptAt = null;
    }

    /** Notes a failed attempt to fetch the profile and when to try again (backing off up to 30 s). */
    public void profileUnavailable(String reason, Instant now) {
        requireStatus(InspectionStatus.AWAITING_PROFILE);
        profileAttempts++;
        awaitingReason = reason;
        long factor = 1L << Math.min(profileAttempts - 1, 10);
        Duration wait = FIRST_RETRY.multipliedBy(factor);
        nextProfileAttemptAt = now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait);
    }

    /** Returns the sequence of the event of a recorded result. */
    public long recordResult() {
        requireStatus(InspectionStatus.OPEN);
        return ++lastEventSequence;
    }

    /** Decides; returns the sequence of the VerdictIssued event. */
    public long decide(Verdict decided, Instant at) {
        requireStatus(InspectionStatus.OPEN);
        verdict = decided;
        status = decided == Verdict.ACCEPTED ? InspectionStatus.ACCEPTED : InspectionStatus.REJECTED;
        decidedAt = at;
        return ++lastEventSequence;
    }

    private void requireStatus(InspectionStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("inspection of " + batchId + " is " + status + ", not " + expected);
        }
    }

    public UUID batchId() {
        return batchId;
    }

    public InspectionStatus status() {
        return status;
    }

    public QcProfile profile() {
        return profile;
    }

    public Map<DefectClass, ClassPlan> plans() {
        return plans == null ? Map.of() : Map.copyOf(plans);
    }

    public Integer samplePairs() {
        return samplePairs;
    }

    public Verdict verdict() {
        return verdict;
    }

    public String awaitingReason() {
        return awaitingReason;
    }

    public int profileAttempts() {
        return profileAttempts;
    }

    public Instant nextProfileAttemptAt() {
        return nextProfileAttemptAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public long lastEventSequence() {
        return lastEventSequence;
    }
}
