package dev.sneakerqc.qc.stream;

import dev.sneakerqc.contract.qc.InspectionSeverity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SwitchingRulesTest {

    private final SwitchingRules rules = new SwitchingRules(true);

    private SwitchingRules.State run(SwitchingRules.State start, String outcomes) {
        SwitchingRules.State state = start;
        for (char outcome : outcomes.toCharArray()) {
            state = rules.afterLot(state, outcome == 'A' || outcome == 'G', outcome == 'G').next();
        }
        return state;
    }

    @Test
    void normalTightensWhenTwoOfFiveOrFewerLotsAreNotAccepted() {
        assertThat(run(SwitchingRules.State.INITIAL, "ANN").severity()).isEqualTo(InspectionSeverity.TIGHTENED);
        assertThat(run(SwitchingRules.State.INITIAL, "ANA").severity()).isEqualTo(InspectionSeverity.NORMAL);
        assertThat(run(SwitchingRules.State.INITIAL, "NAAAN").severity()).isEqualTo(InspectionSeverity.TIGHTENED);
        // The two not accepted lots are six lots apart: no longer within five consecutive lots.
        assertThat(run(SwitchingRules.State.INITIAL, "NAAAAN").severity()).isEqualTo(InspectionSeverity.NORMAL);
        SwitchingRules.Transition second = rules.afterLot(run(SwitchingRules.State.INITIAL, "NA"), false, false);
        assertThat(second.change()).isPresent();
        assertThat(second.change().get().reason()).contains("2 of the last 3 lots");
    }

    @Test
    void tightenedRelaxesAfterFiveConsecutiveAcceptedLots() {
        SwitchingRules.State tightened = run(SwitchingRules.State.INITIAL, "NN");
        assertThat(run(tightened, "AAAA").severity()).isEqualTo(InspectionSeverity.TIGHTENED);
        assertThat(run(tightened, "AAAAA").severity()).isEqualTo(InspectionSeverity.NORMAL);
        assertThat(run(tightened, "AANAAAA").severity()).isEqualTo(InspectionSeverity.TIGHTENED);
    }

    @Test
    void normalReducesAfterTenAcceptedLotsWhenApproved() {
        assertThat(run(SwitchingRules.State.INITIAL, "AAAAAAAAA").severity()).isEqualTo(InspectionSeverity.NORMAL);
        assertThat(run(SwitchingRules.State.INITIAL, "AAAAAAAAAA").severity()).isEqualTo(InspectionSeverity.REDUCED);
        // A lot not accepted starts the count of ten again.
        assertThat(run(SwitchingRules.State.INITIAL, "AAAAANAAAAAAAAA").severity()).isEqualTo(InspectionSeverity.NORMAL);
        assertThat(run(SwitchingRules.State.INITIAL, "AAAAANAAAAAAAAAA").severity()).isEqualTo(InspectionSeverity.REDUCED);
        SwitchingRules unapproved = new SwitchingRules(false);
        SwitchingRules.State state = SwitchingRules.State.INITIAL;
        for (int lot = 0; lot < 30; lot++) {
            state = unapproved.afterLot(state, true, false).next();
        }
        assertThat(state.severity()).isEqualTo(InspectionSeverity.NORMAL);
    }

    @Test
    void reducedReturnsToNormalOnALotNotAcceptedOrAcceptedInTheGap() {
        SwitchingRules.State reduced = run(SwitchingRules.State.INITIAL, "AAAAAAAAAA");
        assertThat(run(reduced, "AAAAAAAA").severity()).isEqualTo(InspectionSeverity.REDUCED);
        assertThat(run(reduced, "AAN").severity()).isEqualTo(InspectionSeverity.NORMAL);
        SwitchingRules.Transition gap = rules.afterLot(reduced, true, true);
        assertThat(gap.next().severity()).isEqualTo(InspectionSeverity.NORMAL);
        assertThat(gap.change().get().reason()).contains("between Ac and Re");
    }

    @Test
    void fiveLotsNotAcceptedOnTightenedDiscontinueUntilResumedAtTightened() {
        SwitchingRules.State tightened = run(SwitchingRules.State.INITIAL, "NN");
        SwitchingRules.State four = run(tightened, "NANNN".substring(0, 4));
        assertThat(four.discontinued()).isFalse();
        assertThat(four.notAcceptedOnTightened()).isEqualTo(3);
        SwitchingRules.Transition fifth = rules.afterLot(run(tightened, "NNNN"), false, false);
        assertThat(fifth.discontinued()).isTrue();
        assertThat(fifth.next().notAcceptedOnTightened()).isEqualTo(5);
        // Lots judged while discontinued change nothing.
        assertThat(rules.afterLot(fifth.next(), true, false).next()).isEqualTo(fifth.next());
        SwitchingRules.State resumed = rules.resume(fifth.next());
        assertThat(resumed).isEqualTo(new SwitchingRules.State(InspectionSeverity.TIGHTENED, "", 0, 0, false));
        // Accepted lots in between do not reset the count of lots not accepted on tightened.
        assertThat(rules.afterLot(run(tightened, "NANANAN"), false, false).discontinued()).isTrue();
    }
}
