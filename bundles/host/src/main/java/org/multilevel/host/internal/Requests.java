package org.multilevel.host.internal;

import java.util.List;
import java.util.Map;
import org.multilevel.api.descriptor.OptionException;

/** Formulas built from a form's variable options when the host gives no formula. */
public final class Requests {
    private Requests() {
    }

    /** "y ~ x1 + x2 + (1 + x1 | g)", or the formula option as given. */
    public static String mixedFormula(Map<String, Object> options) {
        if (options.get("formula") != null) return onlyFormula(options, List.of("dependent", "fixed", "cluster", "randomSlopes"));
        String dependent = (String) options.get("dependent");
        String cluster = (String) options.get("cluster");
        if (dependent == null || cluster == null) {
            throw new OptionException("give either option 'formula', or options 'dependent' and 'cluster' (with "
                    + "'fixed' and 'randomSlopes' as needed)");
        }
        List<String> slopes = strings(options, "randomSlopes");
        if (slopes.contains(cluster)) {
            throw new OptionException("option 'randomSlopes' names the cluster variable '" + cluster + "'");
        }
        String random = "(" + (slopes.isEmpty() ? "1" : "1 + " + String.join(" + ", slopes)) + " | " + cluster + ")";
        return fixedPart(options) + " + " + random;
    }

    /** "y ~ x1 + x2" (the fixed part only), or the formula option as given. */
    public static String fixedFormula(Map<String, Object> options) {
        if (options.get("formula") != null) return onlyFormula(options, List.of("dependent", "fixed"));
        if (options.get("dependent") == null) {
            throw new OptionException("give either option 'formula', or option 'dependent' (with 'fixed' as needed)");
        }
        return fixedPart(options);
    }

    /** The formula option, refused when variable options that it would silently override are given too. */
    private static String onlyFormula(Map<String, Object> options, List<String> variableOptions) {
        for (String name : variableOptions) {
            Object v = options.get(name);
            if (v != null && !(v instanceof List<?> list && list.isEmpty())) {
                throw new OptionException("give either option 'formula' or the variable options ("
                        + String.join(", ", variableOptions) + "), not both: '" + name + "' is given with 'formula'");
            }
        }
        return (String) options.get("formula");
    }

    private static String fixedPart(Map<String, Object> options) {
        String dependent = (String) options.get("dependent");
        List<String> fixed = strings(options, "fixed");
        if (fixed.contains(dependent)) {
            throw new OptionException("'" + dependent + "' is both the dependent variable and a fixed effect");
        }
        Object cluster = options.get("cluster");
        if (cluster != null && cluster.equals(dependent)) {
            throw new OptionException("'" + dependent + "' is both the dependent variable and the cluster variable");
        }
        return dependent + " ~ " + (fixed.isEmpty() ? "1" : String.join(" + ", fixed));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> options, String name) {
        Object v = options.get(name);
        return v == null ? List.of() : (List<String>) v;
    }
}
