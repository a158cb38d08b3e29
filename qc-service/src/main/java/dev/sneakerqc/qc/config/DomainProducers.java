package dev.sneakerqc.qc.config;

import dev.sneakerqc.qc.inspection.InspectionPlanner;
import dev.sneakerqc.qc.sampling.SamplingPlanner;
import dev.sneakerqc.qc.sampling.Z14Tables;
import dev.sneakerqc.qc.stream.SwitchingRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the domain's plain objects from configuration. */
@ApplicationScoped
public class DomainProducers {

    @Produces
    @ApplicationScoped
    SamplingPlanner samplingPlanner() {
        return new SamplingPlanner(Z14Tables.fromClasspath());
    }

    @Produces
    @ApplicationScoped
    InspectionPlanner inspectionPlanner(SamplingPlanner sampling) {
        return new InspectionPlanner(sampling);
    }

    @Produces
    @ApplicationScoped
    SwitchingRules switchingRules(QcConfig config) {
        return new SwitchingRules(config.switching().reducedAllowed());
    }
}
