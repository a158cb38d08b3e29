package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.QcProfile;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One immutable version of a model's QC profile. A change to the profile creates the next version. */
@Entity
@Table(name = "qc_profile_version")
@IdClass(QcProfileVersion.Key.class)
public class QcProfileVersion {

    /** Primary key: model and version. */
    public record Key(String styleCode, int version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "style_code")
    private String styleCode;
    @Id
    private int version;
    @Column(name = "inspection_level")
    @Convert(converter = InspectionLevelConverter.class)
    private InspectionLevel inspectionLevel;
    @Column(name = "aql_major")
    private BigDecimal aqlMajor;
    @Column(name = "aql_minor")
    private BigDecimal aqlMinor;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<QcProfile.QcTest> tests;
    @Column(name = "created_at")
    private Instant createdAt;

    protected QcProfileVersion() {
    }

    public QcProfileVersion(String styleCode, int version, InspectionLevel inspectionLevel, QcProfile.Aql aql,
                            List<QcProfile.QcTest> tests, Instant createdAt) {
        this.styleCode = styleCode;
        this.version = version;
        this.inspectionLevel = inspectionLevel;
        this.aqlMajor = aql.major();
        this.aqlMinor = aql.minor();
        this.tests = List.copyOf(tests);
        this.createdAt = createdAt;
    }

    /** Whether this version says the same as the given content (AQLs and limits compared by value). */
    public boolean sameContentAs(InspectionLevel level, QcProfile.Aql aql, List<QcProfile.QcTest> otherTests) {
        if (level != inspectionLevel || aql.major().compareTo(aqlMajor) != 0 || aql.minor().compareTo(aqlMinor) != 0
                || otherTests.size() != tests.size()) {
            return false;
        }
        for (int i = 0; i < tests.size(); i++) {
            QcProfile.QcTest mine = tests.get(i);
            QcProfile.QcTest theirs = otherTests.get(i);
            if (mine.method() != theirs.method() || mine.defectClass() != theirs.defectClass()
                    || !sameValue(mine.min(), theirs.min()) || !sameValue(mine.max(), theirs.max())
                    || !Objects.equals(mine.unit(), theirs.unit())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    public QcProfile toProfile() {
        return new QcProfile(styleCode, version, inspectionLevel, new QcProfile.Aql(aqlMajor, aqlMinor), tests,
                createdAt);
    }

    public String styleCode() {
        return styleCode;
    }

    public int version() {
        return version;
    }
}
