package org.multilevel.lmm;

import java.util.List;
import java.util.Locale;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.lmm.internal.LinearMixedFit;
import org.multilevel.lmm.internal.ProfileIntervals;
import org.osgi.service.component.annotations.Component;

/**
 * 95% profile-likelihood intervals (lme4's {@code confint(fit, method = "profile")}) for the SDs and
 * correlations of the random effects, sigma and the fixed effects of a linear mixed model fitted here, when
 * the request's option "ci" is "profile". Section "profileCI": a list of {parameter, lme4Name, estimate,
 * lower, upper}.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=40")
public final class ProfileIntervalContributor implements ResultContributor {
    static final String KEY = "profileCI";

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (request == null || !"profile".equalsIgnoreCase(request.options().getOrDefault("ci", "").trim())) {
            return List.of();
        }
        if (!(model instanceof LinearMixedFit fit)) return List.of();
        List<ProfileIntervals.Interval> intervals = ProfileIntervals.compute(fit, 0.95);
        String title = "Profile-likelihood 95% confidence intervals"
                + ("REML".equals(fit.result().method()) ? " (profiles of the ML deviance, as lme4)" : "");
        return List.of(new ResultSection(KEY, title, intervals, render(intervals)));
    }

    static String render(List<ProfileIntervals.Interval> intervals) {
        int width = "Parameter".length();
        for (ProfileIntervals.Interval i : intervals) width = Math.max(width, i.parameter().length());
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + width + "s %12s %12s %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "Parameter", "Estimate", "2.5 %", "97.5 %"));
        for (ProfileIntervals.Interval i : intervals) {
            sb.append(String.format(Locale.ROOT, fmt, i.parameter(), num(i.estimate()), num(i.lower()),
                    num(i.upper())));
        }
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }
}
