package org.multilevel.report.internal;

import java.util.List;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.LikelihoodRatioTest;
import org.multilevel.api.analysis.ModelSummary;
import org.multilevel.report.text.RNumbers;
import org.multilevel.report.text.TextTable;

/** The table of a model comparison, as R's {@code anova(m0, m1)} prints it. */
public final class ComparisonTables {
    /** R's anova uses digits = max(getOption("digits") - 2, 3). */
    private static final int DIGITS = 5;

    private ComparisonTables() {
    }

    public static String name(int index) {
        return "m" + index;
    }

    /** "Models:" and one "m0: formula" line per model. */
    public static String modelList(Comparison comparison) {
        StringBuilder out = new StringBuilder("Models:\n");
        for (int i = 0; i < comparison.models().size(); i++) {
            ModelSummary m = comparison.models().get(i);
            out.append(name(i)).append(": ").append(m.formula());
            if (m.method() != null) out.append("  [").append(m.method()).append(", n = ").append(m.nobs()).append(']');
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * One row per model (npar, AIC, BIC, logLik, deviance); a test between consecutive models is shown on the
     * row of the larger one, as R does; tests between other pairs get a row of their own.
     */
    public static TextTable anova(Comparison comparison) {
        List<ModelSummary> models = comparison.models();
        List<LikelihoodRatioTest> tests = comparison.tests();
        boolean mixture = false;
        for (LikelihoodRatioTest t : tests) mixture |= t.pMixture() != null;
        int m = models.size();
        double[] aic = new double[m], bic = new double[m], ll = new double[m], dev = new double[m];
        for (int i = 0; i < m; i++) {
            aic[i] = models.get(i).aic();
            bic[i] = models.get(i).bic();
            ll[i] = models.get(i).logLik();
            dev[i] = models.get(i).deviance();
        }
        String[] aicT = RNumbers.column(aic, DIGITS), bicT = RNumbers.column(bic, DIGITS);
        String[] llT = RNumbers.column(ll, DIGITS), devT = RNumbers.column(dev, DIGITS);
        double[] chisq = new double[tests.size()];
        for (int k = 0; k < tests.size(); k++) chisq[k] = tests.get(k).chisq();
        String[] chisqT = RNumbers.column(chisq, DIGITS);

        TextTable table = new TextTable().left("").right("npar").right("AIC").right("BIC").right("logLik")
                .right("deviance").right("Chisq").right("Df").right("Pr(>Chisq)");
        if (mixture) table.right("Pr(mixture)");
        table.left("");
        int columns = mixture ? 11 : 10;
        String[][] rows = new String[m][];
        for (int i = 0; i < m; i++) {
            ModelSummary s = models.get(i);
            rows[i] = new String[columns];
            rows[i][0] = name(i);
            rows[i][1] = Integer.toString(s.npar());
            rows[i][2] = aicT[i];
            rows[i][3] = bicT[i];
            rows[i][4] = llT[i];
            rows[i][5] = devT[i];
        }
        List<String[]> extra = new java.util.ArrayList<>();
        for (int k = 0; k < tests.size(); k++) {
            LikelihoodRatioTest t = tests.get(k);
            String[] row;
            boolean consecutive = t.to() == t.from() + 1 && t.to() >= 0 && t.to() < m && rows[t.to()][6] == null;
            if (consecutive) {
                row = rows[t.to()];
            } else {
                row = new String[columns];
                row[0] = name(t.from()) + " vs " + name(t.to());
                extra.add(row);
            }
            row[6] = chisqT[k];
            row[7] = Integer.toString(t.df());
            row[8] = RNumbers.pValue(t.p());
            double starsP = t.p();
            if (mixture) {
                row[9] = t.pMixture() == null ? "" : RNumbers.pValue(t.pMixture());
                if (t.pMixture() != null) starsP = t.pMixture();
            }
            row[columns - 1] = RNumbers.stars(starsP);
        }
        for (String[] row : rows) table.row(row);
        for (String[] row : extra) table.row(row);
        for (LikelihoodRatioTest t : tests) {
            if (t.pMixture() != null) {
                String dfs = t.mixtureDf() != null && t.mixtureDf().length == 2
                        ? "chi-square(" + t.mixtureDf()[0] + ") and chi-square(" + t.mixtureDf()[1] + ")"
                        : "chi-square distributions";
                table.footnote("Pr(mixture) for " + name(t.from()) + " vs " + name(t.to())
                        + ": chi-bar-square test (equal mixture of " + dfs
                        + "), valid because the models differ only in variance terms.");
            }
        }
        return table;
    }
}
