package dev.sneakerqc.contract.production;

import java.math.BigDecimal;

/**
 * The label a batch was given when it was planned, and why.
 *
 * @param status             the label
 * @param policy             the policy applied
 * @param domesticValueShare the model's domestic value share at planning time (0..1)
 * @param reason             a sentence a planner can read
 */
public record LabelDecision(LabelStatus status, LabelPolicy policy, BigDecimal domesticValueShare, String reason) {
}
