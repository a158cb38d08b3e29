package dev.sneakerqc.qc.stream;

import dev.sneakerqc.contract.qc.InspectionSeverity;

import java.util.Optional;

/**
 * The ANSI/ASQ Z1.4-2008 switching rules for one defect class of one stream of lots.
 * <ul>
 *   <li>Normal to tightened: 2 lots out of 5 or fewer consecutive lots not accepted.</li>
 *   <li>Tightened to normal: 5 consecutive lots accepted.</li>
 *   <li>Normal to reduced: the preceding 10 lots accepted, with reduced inspection approved
 *   ({@code qc.switching.reduced-allowed}); production is taken as steady.</li>
 *   <li>Reduced to normal: a lot not accepted, or accepted with a count between Ac and Re.</li>
 *   <li>Discontinue: 5 lots not accepted while on tightened inspection; acceptance stops until a corrective
 *   action, then resumes at tightened.</li>
 * </ul>
 * Only lots "on original inspection" count: a class's own ACCEPTED or REJECTED decision on a lot.
 */
public final class SwitchingRules {

    static final int WINDOW_ON_NORMAL = 5;
    static final int NOT_ACCEPTED_TO_TIGHTEN = 2;
    static final int ACCEPTED_TO_RELAX = 5;
    static final int ACCEPTED_TO_REDUCE = 10;
    static final int NOT_ACCEPTED_TO_DISCONTINUE = 5;

    /**
     * The switching state of a class.
     *
     * @param severity               current severity
     * @param recentOnNormal         outcomes of the last lots on normal inspection, oldest first, at most five:
     *                               {@code A} accepted, {@code N} not accepted
     * @param consecutiveAccepted    lots accepted in a row at the current severity
     * @param notAcceptedOnTightened lots not accepted since tightened inspection began
     * @param discontinued           whether acceptance has stopped
     */
    public record State(InspectionSeverity severity, String recentOnNormal, int consecutiveAccepted,
                        int notAcceptedOnTightened, boolean discontinued) {

        public static final State INITIAL = fresh(InspectionSeverity.NORMAL);

        static State fresh(InspectionSeverity severity) {
            return new State(severity, "", 0, 0, false);
        }
    }

    /**
     * A change of severity.
     *
     * @param from   before
     * @param to     after
     * @param reason the rule that applied
     */
    public record SeverityChange(InspectionSeverity from, InspectionSeverity to, String reason) {
    }

    /**
     * The state after a lot.
     *
     * @param next         the new state
     * @param change       the severity change, if any
     * @param discontinued whether this lot discontinued the stream
     */
    public record Transition(State next, Optional<SeverityChange> change, boolean discontinued) {

        static Transition stay(State next) {
            return new Transition(next, Optional.empty(), false);
        }

        static Transition switchTo(State current, InspectionSeverity to, String reason) {
            return new Transition(State.fresh(to), Optional.of(new SeverityChange(current.severity(), to, reason)),
                    false);
        }
    }

    private final boolean reducedAllowed;

    public SwitchingRules(boolean reducedAllowed) {
        this.reducedAllowed = reducedAllowed;
    }

    /**
     * Applies a lot's outcome for the class.
     *
     * @param accepted            whether the class accepted the lot
     * @param acceptedInReducedGap whether it was accepted with a count between Ac and Re (reduced plans only)
     */
    public Transition afterLot(State state, boolean accepted, boolean acceptedInReducedGap) {
        if (state.discontinued()) {
            return Transition.stay(state); // acceptance has stopped; only a corrective action moves it on
        }
        return switch (state.severity()) {
            case NORMAL -> onNormal(state, accepted);
            case TIGHTENED -> onTightened(state, accepted);
            case REDUCED -> onReduced(state, accepted, acceptedInReducedGap);
        };
    }

    /** A corrective action was recorded: a discontinued class resumes at tightened inspection. */
    public State resume(State state) {
        return state.discontinued() ? State.fresh(InspectionSeverity.TIGHTENED) : state;
    }

    private Transition onNormal(State state, boolean accepted) {
        String recent = state.recentOnNormal() + (accepted ? "A" : "N");
        if (recent.length() > WINDOW_ON_NORMAL) {
            recent = recent.substring(recent.length() - WINDOW_ON_NORMAL);
        }
        long notAccepted = recent.chars().filter(outcome -> outcome == 'N').count();
        if (!accepted && notAccepted >= NOT_ACCEPTED_TO_TIGHTEN) {
            return Transition.switchTo(state, InspectionSeverity.TIGHTENED, notAccepted + " of the last "
                    + recent.length() + " lots on normal inspection not accepted");
        }
        int consecutive = accepted ? state.consecutiveAccepted() + 1 : 0;
        if (consecutive >= ACCEPTED_TO_REDUCE && reducedAllowed) {
            return Transition.switchTo(state, InspectionSeverity.REDUCED, ACCEPTED_TO_REDUCE
                    + " consecutive lots accepted on normal inspection; reduced inspection approved");
        }
        return Transition.stay(new State(InspectionSeverity.NORMAL, recent, consecutive, 0, false));
    }

    private Transition onTightened(State state, boolean accepted) {
        if (accepted) {
            int consecutive = state.consecutiveAccepted() + 1;
            if (consecutive >= ACCEPTED_TO_RELAX) {
                return Transition.switchTo(state, InspectionSeverity.NORMAL, ACCEPTED_TO_RELAX
                        + " consecutive lots accepted on tightened inspection");
            }
            return Transition.stay(new State(InspectionSeverity.TIGHTENED, "", consecutive,
                    state.notAcceptedOnTightened(), false));
        }
        int notAccepted = state.notAcceptedOnTightened() + 1;
        State next = new State(InspectionSeverity.TIGHTENED, "", 0, notAccepted,
                notAccepted >= NOT_ACCEPTED_TO_DISCONTINUE);
        return new Transition(next, Optional.empty(), next.discontinued());
    }

    private Transition onReduced(State state, boolean accepted, boolean acceptedInReducedGap) {
        if (!accepted) {
            return Transition.switchTo(state, InspectionSeverity.NORMAL, "a lot not accepted on reduced inspection");
        }
        if (acceptedInReducedGap) {
            return Transition.switchTo(state, InspectionSeverity.NORMAL,
                    "a lot accepted with a nonconforming count between Ac and Re on reduced inspection");
        }
        return Transition.stay(new State(InspectionSeverity.REDUCED, "", state.consecutiveAccepted() + 1, 0, false));
    }
}
