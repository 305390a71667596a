package org.multilevel.cli.internal;

import java.util.List;

import org.multilevel.api.ClosestName;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;

/**
 * Requests that cannot be honoured, refused before any fitting with one line naming the option and why:
 * first what the options alone decide (the family, the method), then, once the data are read, what needs the
 * columns. What needs the model frame (a contrast's terms, crossed factors for --robust) the analysis service
 * checks before it fits.
 */
final class FitRequestCheck {
    private FitRequestCheck() {
    }

    /** The options of fit that depend on the family: profile and bootstrap intervals, robust SEs, --nsim, --seed. */
    static void options(Arguments a, ModelSpec spec) {
        Family family = spec.family();
        String ci = a.value("ci", "").trim().toLowerCase(java.util.Locale.ROOT);
        if (family != Family.GAUSSIAN) {
            if (ci.equals("profile") || ci.equals("bootstrap")) {
                throw new UsageException("option --ci " + ci + " is available for gaussian models only, not for a "
                        + family.rName() + " model (use --ci wald)");
            }
            if (a.has("robust")) {
                throw new UsageException("option --robust is available for gaussian models only, not for a "
                        + family.rName() + " model");
            }
        }
        for (String option : List.of("nsim", "seed")) {
            if (a.has(option) && !ci.equals("bootstrap")) {
                throw new UsageException("option --" + option + " applies to bootstrap intervals only; add --ci bootstrap"
                        + " or leave it out");
            }
        }
        if (a.has("nsim")) {
            int nsim = a.intValue("nsim", 0);
            if (nsim < Limits.NSIM_MIN || nsim > Limits.NSIM_MAX) {
                throw new UsageException("option --nsim must be between " + Limits.NSIM_MIN + " and "
                        + String.format(java.util.Locale.ROOT, "%,d", Limits.NSIM_MAX) + ", got " + a.value("nsim"));
            }
        }
    }

    /** --plot-predictor names a column; every --center variable is used by one of the formulas. */
    static void data(Arguments a, Dataset data, List<String> formulas) {
        if (a.has("plot-predictor")) {
            String name = a.value("plot-predictor").trim();
            if (data.column(name).isEmpty()) {
                throw new UsageException("option --plot-predictor names '" + name + "', which is not a column of the"
                        + " data set" + ClosestName.among(name, data.columnNames(), Math.max(2, name.length() / 3))
                                .map(c -> " (did you mean " + c + "?)").orElse(""));
            }
        }
        for (String c : a.values("center")) {
            Centering centering = ModelOptions.centering(c);
            if (data.column(centering.variable()).isEmpty()) continue; // the analysis names the closest column
            if (formulas.stream().noneMatch(f -> mentions(f, centering.variable()))) {
                throw new UsageException("option --center " + c + " names '" + centering.variable()
                        + "', which the model does not use; add it to the formula or leave the option out");
            }
        }
    }

    /**
     * Whether the formula names the variable: as a whole name (letters, digits, '.' and '_' around it end a name
     * in the formula language) or back-quoted. Function names also count as names, so this errs on the side of
     * "used"; the formula bundle decides what the model really reads.
     */
    static boolean mentions(String formula, String variable) {
        if (formula.contains("`" + variable + "`")) return true;
        int from = 0;
        while (true) {
            int at = formula.indexOf(variable, from);
            if (at < 0) return false;
            int end = at + variable.length();
            if ((at == 0 || !isNameChar(formula.charAt(at - 1))) && (end == formula.length() || !isNameChar(formula.charAt(end)))) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }
}
