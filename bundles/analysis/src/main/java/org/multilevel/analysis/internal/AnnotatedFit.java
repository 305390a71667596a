package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.List;

import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;

/** An estimator's fitted model whose result carries the analysis's own warnings as well. */
record AnnotatedFit(FittedModel fitted, FitResult result) implements FittedModel {

    /** The fitted model with these warnings added to its result (those it already has are kept once). */
    static FittedModel withWarnings(FittedModel fitted, List<String> extra) {
        FitResult r = fitted.result();
        List<String> warnings = new ArrayList<>(r.warnings());
        boolean changed = false;
        for (String w : extra) {
            if (!warnings.contains(w)) {
                warnings.add(w);
                changed = true;
            }
        }
        if (!changed) return fitted;
        FitResult annotated = new FitResult(r.formula(), r.family(), r.link(), r.method(), r.estimator(), r.ddf(),
                r.nobs(), r.groups(), r.converged(), r.singular(), warnings, r.fixed(), r.random(), r.sigma2(),
                r.logLik(), r.npar(), r.aic(), r.bic(), r.deviance(), r.remlCriterion(), r.ranef(), r.optimizer());
        return new AnnotatedFit(fitted, annotated);
    }

    @Override
    public DesignMatrices design() {
        return fitted.design();
    }

    @Override
    public double[] beta() {
        return fitted.beta();
    }

    @Override
    public double[][] fixedCovariance() {
        return fitted.fixedCovariance();
    }

    @Override
    public double[] fixedPrediction() {
        return fitted.fixedPrediction();
    }

    @Override
    public double[] conditionalPrediction() {
        return fitted.conditionalPrediction();
    }

    @Override
    public ContrastTest test(double[][] contrast, DdfMethod ddf) {
        return fitted.test(contrast, ddf);
    }
}
