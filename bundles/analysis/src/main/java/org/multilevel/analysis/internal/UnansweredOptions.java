package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;

/**
 * Options the request asked for that no result contributor answered (the model is of a kind it does not
 * handle, or its bundle is not installed): each becomes a plain warning, so that nothing asked for is
 * silently missing from the report.
 */
final class UnansweredOptions {
    private UnansweredOptions() {
    }

    /** One option and the section that answers it. */
    private record Asked(String section, String what, String instead) {
    }

    // contrasts are left out: their contributor handles every model and reports its own failures
    static List<String> warnings(AnalysisRequest request, FitResult fit, List<ResultSection> sections) {
        if (request == null) return List.of();
        List<Asked> asked = new ArrayList<>();
        String ci = request.options().getOrDefault("ci", "").trim().toLowerCase(Locale.ROOT);
        if (ci.equals("profile")) {
            asked.add(new Asked("profileCI", "profile-likelihood intervals",
                    "the fixed-effects table shows Wald intervals"));
        } else if (ci.equals("bootstrap")) {
            asked.add(new Asked("bootstrap", "parametric bootstrap intervals",
                    "the fixed-effects table shows Wald intervals"));
        }
        String anova = request.options().get("anova");
        if (anova != null && !anova.isBlank()) {
            asked.add(new Asked("anova", "F tests of the fixed terms (anova)", null));
        }
        if (request.flag("robust")) {
            asked.add(new Asked("robust", "cluster-robust standard errors",
                    "the standard errors shown are model-based"));
        }
        if (request.flag("tau-test")) {
            asked.add(new Asked("varianceChiSquare", "chi-square tests of the variance components (tau-test)", null));
        }
        if (request.flag("variance-tests")) {
            asked.add(new Asked("varianceTests", "likelihood-ratio tests of the variance components", null));
        }
        if (request.flag("compare-ols")) {
            asked.add(new Asked("naiveOls", "naive OLS estimates", null));
        }
        Set<String> answered = new HashSet<>();
        for (ResultSection s : sections) answered.add(s.key());
        List<String> warnings = new ArrayList<>();
        for (Asked a : asked) {
            if (answered.contains(a.section())) continue;
            warnings.add(a.what() + " are not available for this model (" + describe(fit) + ")"
                    + (a.instead() == null ? "" : "; " + a.instead()));
        }
        return warnings;
    }

    /** "binomial GLMM", "linear mixed model (REML)". */
    static String describe(FitResult fit) {
        String family = fit.family() == null ? "" : fit.family().toLowerCase(Locale.ROOT);
        if (family.isEmpty() || family.equals("gaussian")) return "linear mixed model, " + fit.method();
        return family + " GLMM";
    }
}
