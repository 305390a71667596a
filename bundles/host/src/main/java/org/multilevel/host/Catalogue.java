package org.multilevel.host;

import java.util.List;
import org.multilevel.api.descriptor.AnalysisDescriptor;
import org.multilevel.api.descriptor.MeasureType;
import org.multilevel.api.descriptor.OptionDescriptor;
import org.multilevel.api.descriptor.OptionType;

/** The analyses this bundle offers hosts, as descriptors (menu entry and form options). */
public final class Catalogue {
    public static final String LMM = "lmm";
    public static final String GLMM = "glmm";
    public static final String OLS_BY_CLUSTER = "ols-by-cluster";
    public static final String COMPARE = "compare";

    private static final List<MeasureType> ANY = List.of(MeasureType.SCALE, MeasureType.ORDINAL, MeasureType.NOMINAL);
    private static final List<MeasureType> SCALE = List.of(MeasureType.SCALE);
    private static final String MENU = "Mixed Models";

    private static final OptionDescriptor FORMULA = new OptionDescriptor("formula", "Formula", OptionType.FORMULA, null,
            false, List.of(), List.of(), "The model in lme4's formula language, e.g. math ~ ses + (1 + ses | school). "
            + "When given, the dependent, fixed, cluster and random-slope options are not used.");
    private static final OptionDescriptor FIXED = variables("fixed", "Fixed effects", ANY,
            "Predictors with fixed effects; nominal variables are coded by treatment contrasts.");
    private static final OptionDescriptor CLUSTER = new OptionDescriptor("cluster", "Cluster variable",
            OptionType.VARIABLE, null, false, List.of(), ANY, "The grouping factor (school, subject, ...); its values "
            + "name the clusters.");
    private static final OptionDescriptor SLOPES = variables("randomSlopes", "Random slopes", ANY,
            "Predictors whose effect varies between clusters (correlated with the random intercept).");

    private Catalogue() {
    }

    public static List<AnalysisDescriptor> all() {
        return List.of(lmm(), glmm(), olsByCluster(), compare());
    }

    /** The descriptor with that id, or null. */
    public static AnalysisDescriptor find(String id) {
        for (AnalysisDescriptor d : all()) if (d.id().equals(id)) return d;
        return null;
    }

    static AnalysisDescriptor lmm() {
        return new AnalysisDescriptor(LMM, "Linear Mixed Model", List.of(MENU, "Linear Mixed Model"), List.of(
                variable("dependent", "Dependent variable", SCALE, "The outcome (a scale variable)."),
                FIXED, CLUSTER, SLOPES, FORMULA,
                choice("method", "Estimation method", "REML", List.of("REML", "ML"),
                        "REML for variance components; ML to compare models that differ in fixed effects."),
                choice("ddf", "Degrees of freedom", "Satterthwaite",
                        List.of("Satterthwaite", "Kenward-Roger", "between-within", "residual", "none"),
                        "Denominator df of the t tests of the fixed effects (none: z tests)."),
                variable("plotPredictor", "Predictor of the fitted-lines plot", SCALE,
                        "A level-1 predictor to draw each cluster's fitted line over.")));
    }

    static AnalysisDescriptor glmm() {
        return new AnalysisDescriptor(GLMM, "Generalized Linear Mixed Model",
                List.of(MENU, "Generalized Linear Mixed Model"), List.of(
                variable("dependent", "Dependent variable", SCALE,
                        "The outcome: 0/1 for binomial, a count for poisson."),
                FIXED, CLUSTER, SLOPES, FORMULA,
                choice("family", "Family", "binomial", List.of("binomial", "poisson"),
                        "binomial (logit link) for 0/1 outcomes, poisson (log link) for counts."),
                choice("method", "Estimation method", "Laplace", List.of("Laplace", "AGQ"),
                        "Laplace approximation, or adaptive Gauss-Hermite quadrature (one random intercept only)."),
                new OptionDescriptor("quadraturePoints", "Quadrature points", OptionType.INTEGER, 1, false, List.of(),
                        List.of(), "Gauss-Hermite points per cluster for AGQ (more than 1; 1 is the Laplace approximation).")));
    }

    static AnalysisDescriptor olsByCluster() {
        return new AnalysisDescriptor(OLS_BY_CLUSTER, "Per-cluster OLS", List.of(MENU, "Per-cluster OLS"), List.of(
                variable("dependent", "Dependent variable", SCALE, "The outcome (a scale variable)."),
                FIXED,
                new OptionDescriptor("cluster", "Cluster variable", OptionType.VARIABLE, null, true, List.of(), ANY,
                        "Ordinary least squares is fitted within each cluster of this variable."),
                new OptionDescriptor("formula", "Formula", OptionType.FORMULA, null, false, List.of(), List.of(),
                        "The fixed part only, e.g. math ~ ses. When given, dependent and fixed are not used.")));
    }

    static AnalysisDescriptor compare() {
        return new AnalysisDescriptor(COMPARE, "Model comparison", List.of(MENU, "Model comparison"), List.of(
                formula("model1", "Model 1", true, "The simplest model."),
                formula("model2", "Model 2", true, "A model that adds terms to model 1."),
                formula("model3", "Model 3", false, "Optionally, a model that adds terms to model 2."),
                formula("model4", "Model 4", false, "Optionally, a model that adds terms to model 3."),
                choice("method", "Estimation method", "ML", List.of("ML", "REML"),
                        "ML to compare fixed effects; REML only for models with the same fixed effects.")));
    }

    private static OptionDescriptor variable(String name, String title, List<MeasureType> types, String help) {
        return new OptionDescriptor(name, title, OptionType.VARIABLE, null, false, List.of(), types, help);
    }

    private static OptionDescriptor variables(String name, String title, List<MeasureType> types, String help) {
        return new OptionDescriptor(name, title, OptionType.VARIABLES, List.of(), false, List.of(), types, help);
    }

    private static OptionDescriptor choice(String name, String title, String value, List<String> values, String help) {
        return new OptionDescriptor(name, title, OptionType.ENUM, value, false, values, List.of(), help);
    }

    private static OptionDescriptor formula(String name, String title, boolean required, String help) {
        return new OptionDescriptor(name, title, OptionType.FORMULA, null, required, List.of(), List.of(), help);
    }
}
