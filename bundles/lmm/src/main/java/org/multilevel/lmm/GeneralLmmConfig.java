package org.multilevel.lmm;

import org.multilevel.api.fit.FitOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What an administrator may set for {@code lmm-general} (Configuration Admin PID {@value #PID}). */
@ObjectClassDefinition(id = GeneralLmmConfig.PID, name = "multilevel estimator lmm-general",
        description = "Linear mixed models with any random-effects structure, crossed factors included (REML, ML).")
public @interface GeneralLmmConfig {
    String PID = "org.multilevel.lmm.general";
    /** Fewer evaluations than this cannot even start the optimizers; a smaller setting is raised to it. */
    int MIN_EVALUATIONS = 100;

    @AttributeDefinition(name = "Maximum deviance evaluations", min = "" + GeneralLmmConfig.MIN_EVALUATIONS,
            description = "The optimizer's limit of profiled-deviance evaluations for a fit whose request leaves "
                    + "the limit at its default; a fit that reaches it is reported as not converged, with a warning.")
    int max_evaluations() default FitOptions.DEFAULT_MAX_EVALUATIONS;

}
