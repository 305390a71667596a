package org.multilevel.glmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: a copy of a data CSV in which each numeric predictor of a formula is shifted and/or scaled,
 * for checking that a fit does not depend on the predictors' location and unit. A shift is applied only
 * where the model is invariant to it: the predictor is in no random term, or only in terms with an
 * intercept and an unstructured covariance (not {@code ||}, not {@code 0 +}).
 */
final class TransformedCsv {
    /**
     * The transformations: x + 1000, 0.001 x, and 0.001 (x + 1000) = 0.001 x + 1 (a larger shift after the
     * scaling would leave an interaction of two such columns with fewer significant digits than the data).
     */
    enum Kind {
        SHIFT(1, 1000), SCALE(0.001, 0), SHIFT_SCALE(0.001, 1);

        final double factor;
        final double shift;

        Kind(double factor, double shift) {
            this.factor = factor;
            this.shift = shift;
        }
    }

    private static final Pattern RANDOM = Pattern.compile("\\(([^()|]*)(\\|\\|?)([^()]*)\\)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z.][A-Za-z0-9._]*");
    private static final Pattern FACTOR = Pattern.compile("factor\\(\\s*([A-Za-z.][A-Za-z0-9._]*)\\s*\\)");

    /** The predictors changed and how: factor per predictor (shift applied where allowed). */
    record Result(Path file, List<String> scaled, List<String> shifted, double factor) {
        /** log|det T| of X -> X T: each X column gets the factor once per scaled predictor in its name. */
        double logDetFixed(List<String> columnNames) {
            double s = 0;
            for (String c : columnNames)
                for (String part : c.split(":")) if (scaled.contains(part)) s += Math.log(factor);
            return s;
        }
    }

    private TransformedCsv() {
    }

    static Result write(Path source, String formula, Kind kind, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(source);
        String[] header = split(lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) if (!lines.get(i).isBlank()) rows.add(split(lines.get(i)));
        Set<String> predictors = predictors(formula);
        List<String> scaled = new ArrayList<>();
        List<String> shifted = new ArrayList<>();
        Set<String> noShift = shiftForbidden(formula);
        for (int c = 0; c < header.length; c++) {
            String name = unquote(header[c]);
            if (!predictors.contains(name) || !numeric(rows, c)) continue;
            boolean shift = kind.shift != 0 && !noShift.contains(name);
            if (kind.factor != 1) scaled.add(name);
            if (shift) shifted.add(name);
            for (String[] r : rows) {
                double v = Double.parseDouble(r[c]) * kind.factor + (shift ? kind.shift : 0);
                r[c] = String.format(Locale.ROOT, "%.17g", v);
            }
        }
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (String[] r : rows) sb.append(String.join(",", r)).append('\n');
        Path out = dir.resolve(kind + "-" + source.getFileName());
        Files.writeString(out, sb.toString());
        return new Result(out, scaled, shifted, kind.factor);
    }

    /** Names on the right of ~ that are not grouping factors nor inside factor(). */
    private static Set<String> predictors(String formula) {
        String rhs = formula.substring(formula.indexOf('~') + 1);
        Set<String> groups = new LinkedHashSet<>();
        Matcher m = RANDOM.matcher(rhs);
        while (m.find()) groups.addAll(names(m.group(3)));
        Set<String> factors = new LinkedHashSet<>();
        Matcher f = FACTOR.matcher(rhs);
        while (f.find()) factors.add(f.group(1));
        Set<String> out = new LinkedHashSet<>(names(rhs));
        out.removeAll(groups);
        out.removeAll(factors);
        return out;
    }

    /** Predictors in a random term without intercept or with uncorrelated (||) effects. */
    private static Set<String> shiftForbidden(String formula) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = RANDOM.matcher(formula.substring(formula.indexOf('~') + 1));
        while (m.find()) {
            String lhs = m.group(1);
            boolean noIntercept = lhs.matches(".*(^|[^0-9.])0\\s*\\+.*|.*-\\s*1.*|^\\s*0\\s*$");
            if (noIntercept || m.group(2).equals("||")) out.addAll(names(lhs));
        }
        return out;
    }

    private static List<String> names(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(s);
        while (m.find()) {
            int end = m.end();
            boolean call = end < s.length() && s.charAt(end) == '(';
            if (!call) out.add(m.group());
        }
        return out;
    }

    private static boolean numeric(List<String[]> rows, int c) {
        for (String[] r : rows) {
            try {
                Double.parseDouble(r[c]);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static String unquote(String s) {
        s = s.trim();
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
