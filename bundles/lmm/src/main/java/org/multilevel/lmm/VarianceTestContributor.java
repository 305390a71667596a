package org.multilevel.lmm;

import java.util.List;
import java.util.Locale;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.lmm.internal.LinearMixedFit;
import org.multilevel.lmm.internal.VarianceComponentTests;

import org.osgi.service.component.annotations.Component;

/**
 * Likelihood-ratio tests of each random-effects term's last variance component (or of the whole term),
 * with the boundary mixture p-value, for a linear mixed model fitted here when the request's option
 * "variance-tests" is "true". Section "varianceTests".
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=45")
public final class VarianceTestContributor implements ResultContributor {
    static final String KEY = "varianceTests";

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (request == null || !request.flag("variance-tests")) return List.of();
        if (!(model instanceof LinearMixedFit fit)) return List.of();
        List<VarianceComponentTests.Test> tests = VarianceComponentTests.compute(fit);
        return List.of(new ResultSection(KEY, "Likelihood-ratio tests of the variance components ("
                + fit.result().method() + ", boundary mixture p-values)", tests, render(tests)));
    }

    static String render(List<VarianceComponentTests.Test> tests) {
        int width = "Term".length();
        int rw = "Removed".length();
        for (VarianceComponentTests.Test t : tests) {
            width = Math.max(width, t.term().length());
            rw = Math.max(rw, t.removed().length());
        }
        String fmt = "%-" + width + "s  %-" + rw + "s %10s %4s %11s %11s %9s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, fmt, "Term", "Removed", "Chisq", "Df", "Pr(>Chisq)", "p mixture",
                "mixture"));
        for (VarianceComponentTests.Test t : tests) {
            sb.append(String.format(Locale.ROOT, fmt, t.term(), t.removed(), String.format(Locale.ROOT, "%.4f",
                    t.chisq()), t.df(), p(t.p()), p(t.pMixture()),
                    "chi2(" + t.mixtureDf().get(0) + "):chi2(" + t.mixtureDf().get(1) + ")"));
        }
        return sb.toString();
    }

    private static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.3g", p) : String.format(Locale.ROOT, "%.5f", p);
    }
}
