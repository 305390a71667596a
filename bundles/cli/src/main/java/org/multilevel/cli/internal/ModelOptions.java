package org.multilevel.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.Transform;
import org.multilevel.api.report.ReportFormat;

/** Turns command-line options into the API's model specification, fit options and report format. */
final class ModelOptions {
    private ModelOptions() {
    }

    static Family family(Arguments a) {
        return parse("family", a.value("family", "gaussian"), Family::parse);
    }

    /** The model for one formula with --family, --link, --reference and --center. */
    static ModelSpec spec(Arguments a, String formula) {
        Family family = family(a);
        Link link = a.has("link") ? parse("link", a.value("link"), Link::parse) : family.canonicalLink();
        Map<String, String> references = new LinkedHashMap<>();
        for (String r : a.values("reference")) {
            String[] p = Arguments.pair("reference", r);
            references.put(p[0], p[1]);
        }
        List<Centering> centering = new ArrayList<>();
        for (String c : a.values("center")) centering.add(centering(c));
        return new ModelSpec(formula, family, link, references, centering);
    }

    /** VAR=grand | VAR=within:G | VAR=between:G | VAR=z | VAR=within-z:G | VAR=log. */
    static Centering centering(String text) {
        String[] p = Arguments.pair("center", text);
        String how = p[1];
        String cluster = null;
        int colon = how.indexOf(':');
        if (colon >= 0) {
            cluster = how.substring(colon + 1).trim();
            how = how.substring(0, colon).trim();
            if (cluster.isEmpty()) throw new UsageException("option --center " + text + " names no cluster variable");
        }
        Transform t = switch (how.toLowerCase(java.util.Locale.ROOT)) {
            case "grand", "gmc" -> Transform.GRAND_MEAN_CENTERED;
            case "within", "cwc" -> Transform.WITHIN_CLUSTER;
            case "between", "cm" -> Transform.CLUSTER_MEAN;
            case "z", "scale" -> Transform.Z_SCORE;
            case "within-z", "cwz" -> Transform.WITHIN_CLUSTER_Z;
            case "log" -> Transform.LOG;
            default -> throw new UsageException("option --center " + text + ": unknown centering '" + how
                    + "' (use grand, within:CLUSTER, between:CLUSTER, z, within-z:CLUSTER or log)");
        };
        if (t.needsCluster() && cluster == null) {
            throw new UsageException("option --center " + text + " needs a cluster variable, e.g. " + p[0] + "="
                    + how + ":school");
        }
        if (!t.needsCluster() && cluster != null) {
            throw new UsageException("option --center " + text + ": " + how + " centering takes no cluster variable");
        }
        return new Centering(p[0], t, cluster);
    }

    /** Method (REML for gaussian, Laplace otherwise, AGQ when --nagq > 1), ddf and quadrature points. */
    static FitOptions fit(Arguments a, Family family) {
        int nagq = a.intValue("nagq", 1);
        if (nagq < 1) throw new UsageException("option --nagq needs a positive number of quadrature points, got " + nagq);
        if (nagq > Limits.NAGQ_MAX) {
            throw new UsageException("option --nagq takes at most " + Limits.NAGQ_MAX
                    + " quadrature points per level (lme4's limit), got " + nagq);
        }
        if (family == Family.GAUSSIAN && a.has("nagq")) {
            throw new UsageException("option --nagq sets quadrature points for binomial and poisson models; a gaussian"
                    + " model's likelihood is exact, leave it out");
        }
        Method fallback = family == Family.GAUSSIAN ? Method.REML : nagq > 1 ? Method.AGQ : Method.LAPLACE;
        Method method = a.has("method") ? parse("method", a.value("method"), Method::parse) : fallback;
        if (family == Family.GAUSSIAN && (method == Method.LAPLACE || method == Method.AGQ)) {
            throw new UsageException("method " + method.label() + " is for binomial and poisson models; use REML or ML"
                    + " for a gaussian model");
        }
        if (family != Family.GAUSSIAN && (method == Method.REML || method == Method.ML)) {
            throw new UsageException("method " + method.label() + " is for gaussian models; use Laplace or AGQ for a "
                    + family.rName() + " model");
        }
        if (method == Method.AGQ && nagq == 1) {
            if (a.has("nagq")) {
                throw new UsageException("method AGQ needs --nagq of at least 2 (one point is the Laplace approximation)");
            }
            nagq = 7;
        }
        DdfMethod ddf = parse("ddf", a.value("ddf", "satterthwaite"), DdfMethod::parse);
        if (family != Family.GAUSSIAN && !a.has("ddf")) ddf = DdfMethod.NONE;
        if (family != Family.GAUSSIAN && ddf != DdfMethod.NONE) {
            throw new UsageException("option --ddf " + a.value("ddf") + " applies to gaussian models; the tests of a "
                    + family.rName() + " model are z tests (leave --ddf out)");
        }
        if (ddf == DdfMethod.KENWARD_ROGER && method != Method.REML) {
            throw new UsageException("option --ddf kenward-roger needs a REML fit, but method " + method.label()
                    + " was asked for (use --method REML or another --ddf)");
        }
        return new FitOptions(method, ddf, method == Method.AGQ ? nagq : 1, 10_000);
    }

    static ReportFormat format(Arguments a) {
        return parse("format", a.value("format", "text"), ReportFormat::parse);
    }

    /** Runs an API parser, turning its IllegalArgumentException into a usage error naming the option. */
    static <T> T parse(String option, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --" + option + ": " + e.getMessage());
        }
    }
}
