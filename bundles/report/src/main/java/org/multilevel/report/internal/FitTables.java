package org.multilevel.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.report.text.RNumbers;
import org.multilevel.report.text.TextTable;

/**
 * The tables of one fitted model, as lmerTest's {@code summary()} shows them; the text and HTML reports
 * lay out the same tables.
 */
public final class FitTables {
    /** Digits R's summary of a merMod uses: max(3, getOption("digits") - 3). */
    static final int DIGITS = 4;
    private static final double Z975 = 1.959963984540054;

    private FitTables() {
    }

    public static boolean isGeneralized(FitResult fit) {
        return fit.family() != null && !fit.family().equals("gaussian");
    }

    /** True when the fixed-effects tests are asymptotic z tests (no df). */
    public static boolean zTests(FitResult fit) {
        for (FixedEffect f : fit.fixed()) {
            if (f.df() != null && Double.isFinite(f.df())) return false;
        }
        return true;
    }

    /** lmerTest's first line. */
    public static String title(AnalysisResult result) {
        FitResult fit = result.fit();
        if (isGeneralized(fit)) {
            String how = "AGQ".equalsIgnoreCase(fit.method())
                    ? "Adaptive Gauss-Hermite Quadrature, nAGQ = " + quadraturePoints(result)
                    : "Laplace Approximation";
            return "Generalized linear mixed model fit by maximum likelihood (" + how + ")";
        }
        String by = "REML".equalsIgnoreCase(fit.method()) ? "REML" : "maximum likelihood";
        return "Linear mixed model fit by " + by + ". " + testsLabel(fit);
    }

    private static int quadraturePoints(AnalysisResult result) {
        if (result.request() != null && result.request().fit() != null) return result.request().fit().quadraturePoints();
        return 1;
    }

    static String testsLabel(FitResult fit) {
        String ddf = fit.ddf() == null ? "" : fit.ddf();
        if (zTests(fit)) return "z tests (asymptotic, no df)";
        return switch (ddf.toLowerCase(Locale.ROOT)) {
            case "satterthwaite" -> "t-tests use Satterthwaite's method";
            case "kenward-roger" -> "t-tests use Kenward-Roger's method";
            case "between-within" -> "t-tests use between-within df";
            case "residual" -> "t-tests use residual df (n - rank X)";
            default -> "t-tests with " + ddf + " df";
        };
    }

    /** AIC, BIC, logLik, deviance, df.resid (ML and GLMM fits), one decimal as lme4 prints them. */
    public static TextTable informationCriteria(FitResult fit) {
        TextTable t = new TextTable().right("AIC").right("BIC").right("logLik").right("deviance").right("df.resid");
        t.row(RNumbers.fixed(fit.aic(), 1), RNumbers.fixed(fit.bic(), 1), RNumbers.fixed(fit.logLik(), 1),
                RNumbers.fixed(fit.deviance(), 1), Integer.toString(fit.nobs() - fit.npar()));
        return t;
    }

    /** Min, 1Q, Median, 3Q, Max of the scaled conditional residuals. */
    public static TextTable residualQuantiles(FittedModel model) {
        double[] q = Residuals.quantiles(Residuals.scaled(model), 0, 0.25, 0.5, 0.75, 1);
        // lme4 zaps the quantiles to digits + 1 significant digits of the largest before printing
        double max = 0;
        for (double v : q) if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
        int zap = max > 0 ? Math.max(0, DIGITS + 1 - (int) Math.ceil(Math.log10(max))) : DIGITS + 1;
        String[] cells = RNumbers.column(q, DIGITS, zap);
        TextTable t = new TextTable().right("Min").right("1Q").right("Median").right("3Q").right("Max");
        t.row(cells);
        return t;
    }

    /** lme4's random-effects table: variances, SDs and the lower triangle of the correlations. */
    public static TextTable randomEffects(FitResult fit) {
        int maxTerms = 1;
        for (VarianceComponent vc : fit.random()) maxTerms = Math.max(maxTerms, vc.terms().size());
        List<Double> variances = new ArrayList<>();
        for (VarianceComponent vc : fit.random()) {
            for (int k = 0; k < vc.terms().size(); k++) variances.add(vc.covariance()[k][k]);
        }
        boolean residual = fit.sigma2() != null;
        if (residual) variances.add(fit.sigma2());
        double[] var = new double[variances.size()];
        double[] sd = new double[variances.size()];
        for (int i = 0; i < var.length; i++) {
            var[i] = variances.get(i);
            sd[i] = Math.sqrt(Math.max(0, var[i]));
        }
        String[] varText = RNumbers.column(var, DIGITS);
        String[] sdText = RNumbers.column(sd, DIGITS);
        TextTable t = new TextTable().left("Groups").left("Name").right("Variance").right("Std.Dev.");
        for (int j = 1; j < maxTerms; j++) t.right(j == 1 ? "Corr" : "");
        int row = 0;
        for (VarianceComponent vc : fit.random()) {
            for (int k = 0; k < vc.terms().size(); k++) {
                String[] cells = new String[4 + maxTerms - 1];
                cells[0] = k == 0 ? vc.group() : "";
                cells[1] = vc.terms().get(k);
                cells[2] = varText[row];
                cells[3] = sdText[row];
                for (int j = 0; j < k; j++) {
                    double r = vc.correlation(k, j);
                    cells[4 + j] = Double.isFinite(r) ? RNumbers.fixed(r, 2) : "NaN";
                }
                t.row(cells);
                row++;
            }
        }
        if (residual) t.row("Residual", "", varText[row], sdText[row]);
        return t;
    }

    /** "160 (sizes 14 to 67, mean 44.9)": levels and cluster sizes of each grouping factor of the design. */
    public static java.util.Map<String, String> clusterSizes(FittedModel model) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (model.design() == null) return out;
        for (org.multilevel.api.model.RandomTerm term : model.design().random()) {
            if (out.containsKey(term.group())) continue;
            int[] size = new int[term.levelCount()];
            for (int level : term.levelOfRow()) size[level]++;
            int min = Integer.MAX_VALUE, max = 0;
            for (int s : size) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            double mean = (double) term.levelOfRow().length / Math.max(1, size.length);
            out.put(term.group(), size.length + " (cluster sizes " + min + " to " + max + ", mean "
                    + RNumbers.format(mean, 3) + ")");
        }
        return out;
    }

    /** "Number of obs: 7185, groups:  school, 160" */
    public static String observations(FitResult fit) {
        StringBuilder s = new StringBuilder("Number of obs: ").append(fit.nobs());
        if (!fit.groups().isEmpty()) {
            s.append(", groups:  ");
            boolean first = true;
            for (Map.Entry<String, Integer> g : fit.groups().entrySet()) {
                if (!first) s.append("; ");
                s.append(g.getKey()).append(", ").append(g.getValue());
                first = false;
            }
        }
        return s.toString();
    }

    /** Estimate, Std. Error, (df,) t or z value, p and significance stars, as printCoefmat prints them. */
    public static TextTable fixedEffects(FitResult fit) {
        return fixedEffects(fit, false);
    }

    /** As {@link #fixedEffects(FitResult)}, with the 95% interval before the stars when asked. */
    public static TextTable fixedEffects(FitResult fit, boolean interval) {
        List<FixedEffect> fixed = fit.fixed();
        int p = fixed.size();
        boolean z = zTests(fit);
        double[] estSe = new double[2 * p];
        double[] df = new double[p];
        double[] stat = new double[p];
        for (int i = 0; i < p; i++) {
            FixedEffect f = fixed.get(i);
            estSe[i] = f.estimate();
            estSe[p + i] = f.se();
            df[i] = f.df() == null ? Double.NaN : f.df();
            stat[i] = f.statistic();
        }
        String[] coef = RNumbers.coefficients(estSe, DIGITS);
        String[] dfText = RNumbers.column(df, DIGITS, 3);
        String[] statText = RNumbers.column(stat, DIGITS, 3);
        double[] bounds = new double[2 * p];
        for (int i = 0; i < p; i++) {
            bounds[i] = fixed.get(i).lower();
            bounds[p + i] = fixed.get(i).upper();
        }
        String[] boundText = RNumbers.column(bounds, DIGITS);
        TextTable t = new TextTable().left("").right("Estimate").right("Std. Error");
        if (!z) t.right("df");
        t.right(z ? "z value" : "t value").right(z ? "Pr(>|z|)" : "Pr(>|t|)");
        if (interval) t.right("2.5 %").right("97.5 %");
        t.left("");
        for (int i = 0; i < p; i++) {
            FixedEffect f = fixed.get(i);
            List<String> cells = new ArrayList<>(List.of(f.term(), coef[i], coef[p + i]));
            if (!z) cells.add(dfText[i]);
            cells.add(statText[i]);
            cells.add(RNumbers.pValue(f.p()));
            if (interval) {
                cells.add(boundText[i]);
                cells.add(boundText[p + i]);
            }
            cells.add(RNumbers.stars(f.p()));
            t.row(cells.toArray(String[]::new));
        }
        return t;
    }

    /** "Odds ratios" (binomial, logit link) or "Rate ratios" (log link); null for other models. */
    public static String ratioName(FitResult fit) {
        if ("logit".equalsIgnoreCase(fit.link()) && "binomial".equalsIgnoreCase(fit.family())) return "Odds ratio";
        if ("log".equalsIgnoreCase(fit.link())) return "Rate ratio";
        return null;
    }

    /** exp(estimate) with its 95% interval for each fixed effect; null when the link has no ratio reading. */
    public static TextTable ratios(FitResult fit) {
        String name = ratioName(fit);
        if (name == null) return null;
        List<FixedEffect> fixed = fit.fixed();
        int p = fixed.size();
        double[] values = new double[3 * p];
        for (int i = 0; i < p; i++) {
            FixedEffect f = fixed.get(i);
            double lower = Double.isFinite(f.lower()) ? f.lower() : f.estimate() - Z975 * f.se();
            double upper = Double.isFinite(f.upper()) ? f.upper() : f.estimate() + Z975 * f.se();
            values[i] = Math.exp(f.estimate());
            values[p + i] = Math.exp(lower);
            values[2 * p + i] = Math.exp(upper);
        }
        String[] text = RNumbers.column(values, DIGITS);
        TextTable t = new TextTable().left("").right(name).right("2.5 %").right("97.5 %");
        for (int i = 0; i < p; i++) t.row(fixed.get(i).term(), text[i], text[p + i], text[2 * p + i]);
        return t;
    }

    /** Lower triangle of the correlation of the fixed effects (lme4 prints it for up to 12 terms); null if p < 2. */
    public static TextTable fixedCorrelation(FittedModel model) {
        List<FixedEffect> fixed = model.result().fixed();
        double[][] v = model.fixedCovariance();
        int p = fixed.size();
        if (p < 2 || v == null || v.length != p) return null;
        List<String> shortNames = new ArrayList<>();
        for (FixedEffect f : fixed) shortNames.add(abbreviate(f.term()));
        if (new java.util.HashSet<>(shortNames).size() < p) {
            shortNames.clear();
            for (FixedEffect f : fixed) shortNames.add(f.term());
        }
        TextTable t = new TextTable().left("");
        for (int j = 0; j < p - 1; j++) t.right(shortNames.get(j));
        for (int i = 1; i < p; i++) {
            String[] cells = new String[p];
            cells[0] = fixed.get(i).term();
            for (int j = 0; j < i; j++) {
                double d = Math.sqrt(v[i][i] * v[j][j]);
                cells[j + 1] = d > 0 ? RNumbers.fixed(v[i][j] / d, 3) : "NaN";
            }
            t.row(cells);
        }
        return t;
    }

    /** A short column name in the spirit of R's abbreviate(): drop lower-case vowels, then letters, from the right. */
    static String abbreviate(String term) {
        if ("(Intercept)".equals(term)) return "(Intr)";
        StringBuilder s = new StringBuilder(term.replaceAll("[^A-Za-z0-9:._]", ""));
        if (s.length() == 0) return term;
        for (int i = s.length() - 1; i > 0 && s.length() > 6; i--) {
            if ("aeiou".indexOf(s.charAt(i)) >= 0) s.deleteCharAt(i);
        }
        for (int i = s.length() - 1; i > 0 && s.length() > 6; i--) {
            if (Character.isLowerCase(s.charAt(i))) s.deleteCharAt(i);
        }
        return s.length() > 8 ? s.substring(0, 8) : s.toString();
    }

    /** Plain sentences a user can act on: the fit's warnings and what was done to the data. */
    public static List<String> warnings(FittedModel model) {
        FitResult fit = model.result();
        List<String> out = new ArrayList<>();
        if (model.design() != null) {
            out.addAll(model.design().notes());
            List<String> dropped = model.design().fixed() == null ? List.of() : model.design().fixed().dropped();
            if (!dropped.isEmpty() && !mentions(out, dropped.get(0))) {
                out.add("Fixed-effect column(s) " + String.join(", ", dropped)
                        + " dropped because they are collinear with earlier columns (rank deficient design).");
            }
        }
        for (String w : fit.warnings()) {
            if (!out.contains(w)) out.add(w);
        }
        if (!fit.converged() && !mentionsWord(out, "converge")) {
            out.add("The optimizer did not converge: treat the estimates with caution, and try rescaling predictors"
                    + " or simplifying the random-effects structure.");
        }
        if (fit.singular() && !mentionsWord(out, "singular")) {
            out.add("The fit is singular: some variance is estimated as zero or some correlation as +/-1;"
                    + " consider removing the random-effects term(s) the data cannot support.");
        }
        return out;
    }

    private static boolean mentions(List<String> lines, String word) {
        for (String line : lines) if (line.contains(word)) return true;
        return false;
    }

    private static boolean mentionsWord(List<String> lines, String word) {
        for (String line : lines) if (line.toLowerCase(Locale.ROOT).contains(word)) return true;
        return false;
    }
}
