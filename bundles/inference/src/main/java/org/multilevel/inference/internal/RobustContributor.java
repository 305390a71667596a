package org.multilevel.inference.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.inference.RobustCovariance;
import org.osgi.service.component.annotations.Component;

/**
 * Adds the section "robust" (CR2 cluster-robust standard errors with Bell-McCaffrey df beside the model-based
 * ones, as HLM prints "with robust standard errors") when the request option "robust" is true, for gaussian
 * fits with nested random effects.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=45")
public final class RobustContributor implements ResultContributor {

    /** Refused before the fit: a GLMM, no random term, or crossed grouping factors (CR2 needs one clustering). */
    @Override
    public void checkRequest(DesignMatrices design, AnalysisRequest request) {
        if (request == null || !request.flag("robust")) return;
        if (design.spec().family() != org.multilevel.api.model.Family.GAUSSIAN) {
            throw new MultilevelException("robust standard errors were asked for, but they are available for gaussian"
                    + " models only, not for this " + design.spec().family().rName() + " model");
        }
        if (design.random().isEmpty()) {
            throw new MultilevelException("robust standard errors were asked for, but the model has no random term"
                    + " to cluster by");
        }
        if (Partition.nestingTerm(design.random(), design.rows()) < 0) {
            List<String> groups = new ArrayList<>();
            for (RandomTerm t : design.random()) if (!groups.contains(t.group())) groups.add(t.group());
            throw new MultilevelException("robust standard errors were asked for, but they need nested random"
                    + " effects; the grouping factors " + String.join(" and ", groups) + " are crossed");
        }
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (request == null || !request.flag("robust")) return List.of();
        FitResult fit = model.result();
        if (fit.sigma2() == null) {
            throw new MultilevelException("Robust standard errors are available for gaussian models only.");
        }
        DesignMatrices design = model.design();
        List<double[][]> cov = covariances(design, fit.random());
        double[] beta = model.beta();
        RobustCovariance rc = RobustCovariance.cr2(design, cov, fit.sigma2(), beta);
        double[][] modelCov = model.fixedCovariance();
        List<String> names = design.fixed().columnNames();
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-20s %12s %12s %12s %10s %9s %11s%n", "", "Estimate",
                "Model SE", "Robust SE", "df", "t value", "Pr(>|t|)");
        text.append(header);
        for (int j = 0; j < beta.length; j++) {
            double[] l = new double[beta.length];
            l[j] = 1;
            ContrastTest t = rc.test(l);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("term", names.get(j));
            row.put("estimate", beta[j]);
            row.put("se", Math.sqrt(modelCov[j][j]));
            row.put("robustSe", t.se());
            row.put("df", t.denDf());
            row.put("statistic", t.statistic());
            row.put("p", t.p());
            rows.add(row);
            text.append(String.format(Locale.ROOT, "%-20s %12.5g %12.5g %12.5g %10.2f %9.3f %11.3g%n", names.get(j),
                    beta[j], Math.sqrt(modelCov[j][j]), t.se(), t.denDf(), t.statistic(), t.p()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "CR2");
        json.put("df", "Bell-McCaffrey");
        json.put("cluster", rc.clusterFactor());
        json.put("clusters", rc.clusters());
        json.put("fixed", rows);
        text.append("Clusters: ").append(rc.clusters()).append(" levels of ").append(rc.clusterFactor()).append('\n');
        return List.of(new ResultSection("robust", "Fixed effects with robust standard errors (CR2)", json,
                text.toString()));
    }

    /** The fitted covariance matrix of each design term: by position when the shapes agree, else by group name. */
    static List<double[][]> covariances(DesignMatrices design, List<VarianceComponent> random) {
        List<double[][]> out = new ArrayList<>();
        List<RandomTerm> terms = design.random();
        for (int k = 0; k < terms.size(); k++) {
            RandomTerm t = terms.get(k);
            VarianceComponent vc = k < random.size() ? random.get(k) : null;
            if (vc == null || !vc.terms().equals(t.effectNames())) {
                vc = null;
                for (VarianceComponent c : random) {
                    if (c.group().equals(t.group()) && c.terms().equals(t.effectNames())) vc = c;
                }
            }
            if (vc == null) {
                throw new MultilevelException("Robust standard errors: no variance estimate for the random term of "
                        + t.group() + ".");
            }
            out.add(vc.covariance());
        }
        return out;
    }
}
