package org.multilevel.report.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;

/**
 * Several models side by side, as papers show them: one row per fixed effect with "estimate (SE)" and
 * significance stars in each model's column, then a footer with N, groups, logLik, AIC and BIC. A naive
 * OLS model can stand beside the multilevel ones as a FitResult without random effects.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /**
     * @param names a column title per model ("Model 1", "OLS", ...)
     * @param fits  the models, in the same order
     */
    public static TextTable table(List<String> names, List<FitResult> fits) {
        return table(names, fits, Map.of());
    }

    /**
     * @param extraFooter further footer rows after BIC, by label ("ICC", "R² marginal"), one value per model
     *                    (NaN where a model has none)
     */
    public static TextTable table(List<String> names, List<FitResult> fits, Map<String, double[]> extraFooter) {
        if (names.size() != fits.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + fits.size() + " models");
        }
        TextTable t = new TextTable().left("");
        for (String name : names) t.right(name);
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (int m = 0; m < fits.size(); m++) {
            List<FixedEffect> fixed = fits.get(m).fixed();
            double[] values = new double[2 * fixed.size()];
            for (int i = 0; i < fixed.size(); i++) {
                values[i] = fixed.get(i).estimate();
                values[fixed.size() + i] = fixed.get(i).se();
            }
            String[] text = RNumbers.coefficients(values, 4);
            for (int i = 0; i < fixed.size(); i++) {
                FixedEffect f = fixed.get(i);
                String cell = text[i] + " (" + text[fixed.size() + i] + ")" + pad(RNumbers.stars(f.p()));
                rows.computeIfAbsent(f.term(), k -> new String[fits.size()])[m] = cell;
            }
        }
        rows.forEach((term, cells) -> t.row(concat(term, cells)));
        String[] n = new String[fits.size()], groups = new String[fits.size()];
        double[] ll = new double[fits.size()], aic = new double[fits.size()], bic = new double[fits.size()];
        for (int m = 0; m < fits.size(); m++) {
            FitResult f = fits.get(m);
            n[m] = Integer.toString(f.nobs());
            List<String> g = new ArrayList<>();
            f.groups().forEach((name, count) -> g.add(name + " " + count));
            groups[m] = g.isEmpty() ? "-" : String.join("; ", g);
            ll[m] = f.logLik();
            aic[m] = f.aic();
            bic[m] = f.bic();
        }
        t.row(concat("N", n));
        t.row(concat("Groups", groups));
        t.row(concat("logLik", RNumbers.column(ll, 6)));
        t.row(concat("AIC", RNumbers.column(aic, 6)));
        t.row(concat("BIC", RNumbers.column(bic, 6)));
        extraFooter.forEach((label, values) -> {
            String[] cells = new String[values.length];
            for (int m = 0; m < values.length; m++) {
                cells[m] = Double.isNaN(values[m]) ? "-" : String.format(java.util.Locale.ROOT, "%.4f", values[m]);
            }
            t.row(concat(label, cells));
        });
        t.footnote("Estimates with standard errors in parentheses. " + RNumbers.SIGNIF_LEGEND);
        return t;
    }

    /** Stars padded to three characters so that the numbers stay aligned. */
    private static String pad(String stars) {
        return " " + stars + " ".repeat(3 - stars.length());
    }

    private static String[] concat(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
