package org.multilevel.glmm.internal;

import org.multilevel.api.fit.FitOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What an administrator may set for {@code glmm-laplace} (Configuration Admin PID {@value #PID}). */
@ObjectClassDefinition(id = LaplaceConfig.PID, name = "multilevel estimator glmm-laplace",
        description = "Binomial and Poisson mixed models by the Laplace approximation or adaptive Gauss-Hermite quadrature.")
public @interface LaplaceConfig {
    String PID = "org.multilevel.glmm.laplace";
    /** Fewer evaluations than this cannot even start the optimizers; a smaller setting is raised to it. */
    int MIN_EVALUATIONS = 100;

    /** lme4's glmer accepts at most 100 points as well. */
    int MAX_QUADRATURE_POINTS = 100;

    @AttributeDefinition(name = "Maximum deviance evaluations", min = "" + LaplaceConfig.MIN_EVALUATIONS,
            description = "The optimizer's limit of deviance evaluations for a fit whose request leaves the limit "
                    + "at its default; a fit that reaches it fails with a message, never as converged.")
    int max_evaluations() default FitOptions.DEFAULT_MAX_EVALUATIONS;

    @AttributeDefinition(name = "Maximum quadrature points", min = "1",
            description = "Most Gauss-Hermite points per level a request may ask for with AGQ; more is refused before fitting.")
    int max_quadrature_points() default MAX_QUADRATURE_POINTS;
}
