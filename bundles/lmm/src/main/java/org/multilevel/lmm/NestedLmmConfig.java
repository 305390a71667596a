package org.multilevel.lmm;

import org.multilevel.api.fit.FitOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What an administrator may set for {@code lmm-nested} (Configuration Admin PID {@value #PID}). */
@ObjectClassDefinition(id = NestedLmmConfig.PID, name = "multilevel estimator lmm-nested",
        description = "Linear mixed models with nested grouping factors (REML, ML).")
public @interface NestedLmmConfig {
    String PID = "org.multilevel.lmm.nested";
    /** Fewer evaluations than this cannot even start the optimizers; a smaller setting is raised to it. */
    int MIN_EVALUATIONS = 100;

    @AttributeDefinition(name = "Maximum deviance evaluations", min = "" + NestedLmmConfig.MIN_EVALUATIONS,
            description = "The optimizer's limit of profiled-deviance evaluations for a fit whose request leaves "
                    + "the limit at its default; a fit that reaches it is reported as not converged, with a warning.")
    int max_evaluations() default FitOptions.DEFAULT_MAX_EVALUATIONS;
}
