package dev.sneakerqc.qc.sampling;

import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.SamplingPlan;

import java.math.BigDecimal;
import java.util.List;

/**
 * Chooses ANSI/ASQ Z1.4 single sampling plans: lot size and inspection level give the code letter (Table I);
 * code letter, AQL and severity give a cell of the master table, whose arrows lead to the plan; the plan's row
 * gives the sample size. When the sample size reaches the lot size, every unit is inspected.
 */
public final class SamplingPlanner {

    private final Z14Tables tables;

    public SamplingPlanner(Z14Tables tables) {
        this.tables = tables;
    }

    /**
     * The plan for a lot.
     *
     * @param lotSize  units in the lot, at least 1
     * @param aql      one of {@link #aqls()}
     * @param level    the inspection level
     * @param severity normal, tightened or reduced
     */
    public SamplingPlan plan(int lotSize, BigDecimal aql, InspectionLevel level, InspectionSeverity severity) {
        if (lotSize < 1) {
            throw new IllegalArgumentException("lot size must be at least 1");
        }
        String codeLetter = tables.codeLetters().letterFor(lotSize, level);
        SingleSamplingTable.Resolved resolved = tables.master(severity).resolve(codeLetter, aql);
        int sampleSize = resolved.row().sampleSize();
        return new SamplingPlan(codeLetter, sampleSize, resolved.plan().acceptNumber(),
                resolved.plan().rejectNumber(), sampleSize >= lotSize);
    }

    /** The AQLs the tables have columns for. */
    public List<BigDecimal> aqls() {
        return tables.master(InspectionSeverity.NORMAL).aqls();
    }
}
