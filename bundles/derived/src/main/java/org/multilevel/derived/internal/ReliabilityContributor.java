package org.multilevel.derived.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.RandomTerm;
import org.osgi.service.component.annotations.Component;

/**
 * HLM's reliability of each random coefficient, averaged over clusters (Raudenbush and Bryk): for cluster j
 * the OLS estimate of its coefficients has sampling covariance V_j = σ² (Z_jᵀ Z_j)⁻¹, and the reliability of
 * coefficient q is λ_qj = τ_qq / (τ_qq + v_qq,j), which for a random intercept alone is τ₀₀ / (τ₀₀ + σ²/n_j).
 * Clusters where Z_jᵀ Z_j is singular (fewer rows than coefficients, or a slope variable constant in the
 * cluster) have no OLS estimate and are left out of the average; their number is reported. Gaussian models
 * only (σ² is the residual variance).
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=70")
public final class ReliabilityContributor implements ResultContributor {
    private static final double SINGULAR = 1e-10;

    /** Reliability of one variance component's coefficients. */
    public record TermReliability(String group, Map<String, Double> reliability, int clusters, int excluded) {
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        Double sigma2 = model.result().sigma2();
        if (sigma2 == null || !(sigma2 > 0) || model.result().random().isEmpty()) return List.of();
        List<TermReliability> terms = new ArrayList<>();
        List<VarianceComponent> components = model.result().random();
        for (int c = 0; c < components.size(); c++) {
            VarianceComponent vc = components.get(c);
            terms.add(reliability(vc, ModelVariances.termOf(vc, c, model.design().random()), sigma2));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (terms.size() == 1) json.put("reliability", terms.get(0).reliability());
        json.put("terms", terms);
        json.put("method", "mean over clusters of tau_qq / (tau_qq + v_qq,j), V_j = sigma^2 (Z_j'Z_j)^-1");
        TextTable table = new TextTable(List.of("Group", "Coefficient", "Reliability", "Clusters", "Left out"));
        for (TermReliability t : terms) {
            for (Map.Entry<String, Double> e : t.reliability().entrySet()) {
                table.addRow(t.group(), e.getKey(), Fmt.num(e.getValue()), Integer.toString(t.clusters()),
                        Integer.toString(t.excluded()));
            }
        }
        return List.of(new ResultSection("reliability", "Reliability of cluster coefficients", json,
                table.render() + "Left out: clusters whose coefficients have no OLS estimate.\n"));
    }

    static TermReliability reliability(VarianceComponent vc, RandomTerm term, double sigma2) {
        int q = term.effects();
        int levels = term.levelCount();
        double[][] crossproducts = new double[levels][q * q];
        int[] rows = term.levelOfRow();
        double[] z = term.z();
        for (int i = 0; i < rows.length; i++) {
            double[] a = crossproducts[rows[i]];
            for (int r = 0; r < q; r++) {
                double zr = z[i * q + r];
                for (int s = 0; s < q; s++) a[r * q + s] += zr * z[i * q + s];
            }
        }
        double[] sum = new double[q];
        int used = 0;
        int excluded = 0;
        DMatrixRMaj inverse = new DMatrixRMaj(q, q);
        for (int j = 0; j < levels; j++) {
            DMatrixRMaj a = DMatrixRMaj.wrap(q, q, crossproducts[j]);
            double scale = 0;
            for (int r = 0; r < q; r++) scale = Math.max(scale, a.get(r, r));
            if (scale == 0) continue; // a level without rows
            if (Math.abs(CommonOps_DDRM.det(a)) <= SINGULAR * Math.pow(scale, q) || !CommonOps_DDRM.invert(a, inverse)) {
                excluded++;
                continue;
            }
            for (int r = 0; r < q; r++) {
                double tau = vc.covariance()[r][r];
                double v = sigma2 * inverse.get(r, r);
                sum[r] += tau / (tau + v);
            }
            used++;
        }
        Map<String, Double> reliability = new LinkedHashMap<>();
        for (int r = 0; r < q; r++) reliability.put(vc.terms().get(r), used > 0 ? sum[r] / used : null);
        return new TermReliability(vc.group(), reliability, used, excluded);
    }
}
