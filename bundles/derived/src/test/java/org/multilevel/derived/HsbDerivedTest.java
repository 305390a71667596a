package org.multilevel.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.derived.internal.ContrastContributor;
import org.multilevel.derived.internal.DesignEffectContributor;
import org.multilevel.derived.internal.IccContributor;
import org.multilevel.derived.internal.NaiveOlsContributor;
import org.multilevel.derived.internal.R2Contributor;
import org.multilevel.derived.internal.ReliabilityContributor;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.lmm.NestedLmmEstimator;
import org.multilevel.transform.internal.CenteringService;

/** Every value of shared/reference/derived/hsb_derived.json, from real fits (relative 0.5%, df 1%). */
class HsbDerivedTest {
    private static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();
    private static Dataset hsb;
    private static JsonNode reference;
    private static final FormulaModelFrameBuilder FRAMES = new FormulaModelFrameBuilder(new CenteringService());
    private static final FitOptions REML = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);

    @BeforeAll
    static void load() throws IOException {
        hsb = new CsvDataImporter().read(SHARED.resolve("data/hsb.csv"), ImportOptions.defaults());
        reference = new ObjectMapper().readTree(SHARED.resolve("reference/derived/hsb_derived.json").toFile());
    }

    static DesignMatrices frame(String formula) {
        return FRAMES.build(hsb, ModelSpec.gaussian(formula));
    }

    static FittedModel fit(String formula) {
        return new NestedLmmEstimator().fit(frame(formula), REML);
    }

    private static void close(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relative, what);
    }

    private static ResultSection only(List<ResultSection> sections) {
        assertEquals(1, sections.size());
        return sections.get(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T json(ResultSection s, String key) {
        return (T) ((Map<String, Object>) s.json()).get(key);
    }

    @Test
    void nullModelIccDesignEffectAndReliability() {
        JsonNode ref = reference.get("null_model");
        FittedModel m = fit(ref.get("formula").asText());
        AnalysisRequest request = AnalysisRequest.of(m.design().spec(), REML);

        ResultSection icc = only(new IccContributor().contribute(m, hsb, request));
        close(ref.get("icc").asDouble(), json(icc, "icc"), 0.005, "icc");
        assertTrue(icc.text().contains("school"), icc.text());

        ResultSection deff = only(new DesignEffectContributor().contribute(m, hsb, request));
        List<DesignEffectContributor.FactorDesignEffect> f = json(deff, "factors");
        DesignEffectContributor.FactorDesignEffect e = f.get(0);
        close(ref.get("meanClusterSize").asDouble(), e.meanClusterSize(), 1e-12, "mean cluster size");
        close(ref.get("n0").asDouble(), e.n0(), 1e-9, "n0");
        close(ref.get("designEffect").asDouble(), e.designEffect(), 0.005, "design effect");
        close(ref.get("effectiveN").asDouble(), e.effectiveN(), 0.005, "effective N");
        close(ref.get("designEffectUnequal").asDouble(), e.designEffectUnequal(), 0.005, "design effect (n0)");
        close(ref.get("effectiveNUnequal").asDouble(), e.effectiveNUnequal(), 0.005, "effective N (n0)");

        ResultSection rel = only(new ReliabilityContributor().contribute(m, hsb, request));
        Map<String, Double> r = json(rel, "reliability");
        close(ref.get("reliability").asDouble(), r.get("(Intercept)"), 0.005, "reliability");
    }

    @Test
    void reliabilityOfInterceptAndSlope() {
        JsonNode ref = reference.get("reliability_rslope");
        FittedModel m = fit(ref.get("formula").asText());
        ResultSection rel = only(new ReliabilityContributor().contribute(m, hsb, AnalysisRequest.of(m.design().spec(), REML)));
        Map<String, Double> r = json(rel, "reliability");
        close(ref.get("reliability").get("(Intercept)").asDouble(), r.get("(Intercept)"), 0.005, "intercept");
        close(ref.get("reliability").get("cses").asDouble(), r.get("cses"), 0.005, "cses slope");
    }

    @Test
    void contextualEffectContrast() {
        JsonNode ref = reference.get("contextual");
        FittedModel m = fit(ref.get("formula").asText());
        AnalysisRequest request = new AnalysisRequest(m.design().spec(), REML,
                List.of("contextual=" + ref.get("contrast").asText()), Map.of());
        ResultSection s = only(new ContrastContributor().contribute(m, hsb, request));
        assertEquals("contrasts", s.key());
        List<ContrastContributor.ContrastResult> results = (List<ContrastContributor.ContrastResult>) s.json();
        ContrastContributor.ContrastResult c = results.get(0);
        assertEquals("contextual", c.name());
        close(ref.get("estimate").asDouble(), c.estimate(), 0.005, "estimate");
        close(ref.get("se").asDouble(), c.se(), 0.005, "se");
        close(ref.get("df").asDouble(), c.df(), 0.01, "df");
        close(ref.get("statistic").asDouble(), c.statistic(), 0.005, "t");
        close(ref.get("p").asDouble(), c.p(), 0.03, "p");
        assertTrue(s.text().contains("contextual"), s.text());
    }

    @Test
    void nakagawaR2WithRandomSlopes() {
        JsonNode ref = reference.get("nakagawa_rslope");
        FittedModel m = fit(ref.get("formula").asText());
        ResultSection s = only(new R2Contributor().contribute(m, hsb, AnalysisRequest.of(m.design().spec(), REML)));
        close(ref.get("marginal").asDouble(), json(s, "marginal"), 0.005, "marginal");
        close(ref.get("conditional").asDouble(), json(s, "conditional"), 0.005, "conditional");
    }

    @Test
    void totalR2OfTheSectorModel() {
        JsonNode ref = reference.get("pseudo_r2_sector");
        FittedModel m = fit(ref.get("formula1").asText());
        ResultSection s = only(new R2Contributor().contribute(m, hsb, AnalysisRequest.of(m.design().spec(), REML)));
        close(ref.get("totalR2").asDouble(), json(s, "total"), 0.005, "total R2");
    }

    @Test
    void naiveOlsBesideTheMultilevelFit() {
        JsonNode ref = reference.get("naive_ols");
        FittedModel m = fit("math ~ sector + (1 | school)");
        AnalysisRequest off = AnalysisRequest.of(m.design().spec(), REML);
        assertTrue(new NaiveOlsContributor().contribute(m, hsb, off).isEmpty(), "only when asked for");
        AnalysisRequest on = new AnalysisRequest(m.design().spec(), REML, List.of(), Map.of("compare-ols", "true"));
        ResultSection s = only(new NaiveOlsContributor().contribute(m, hsb, on));
        List<OlsCoefficient> coefficients = json(s, "coefficients");
        close(ref.get("se_sector").asDouble(), coefficients.get(1).se(), 0.005, "naive SE of sector");
        close(ref.get("sigma2").asDouble(), json(s, "sigma2"), 0.005, "sigma2");
        List<NaiveOlsContributor.Comparison> rows = json(s, "comparison");
        assertTrue(rows.get(1).seRatio() > 1, "the naive SE understates the multilevel one");
    }

    @Test
    void perSchoolOls() {
        DesignMatrices design = frame("math ~ cses");
        ResultSection s = ClusterOls.section(hsb, design, "school");
        assertEquals("olsByCluster", s.key());
        List<ClusterOls.ClusterFit> fits = json(s, "clusters");
        assertEquals(160, fits.size());
        for (JsonNode ref : reference.get("ols_by_school")) {
            ClusterOls.ClusterFit fit = fits.stream().filter(f -> f.cluster().equals(ref.get("school").asText()))
                    .findFirst().orElseThrow();
            String school = "school " + fit.cluster();
            assertEquals(ref.get("n").asInt(), fit.n(), school);
            assertTrue(fit.fitted());
            for (int j = 0; j < 2; j++) {
                JsonNode rc = ref.get("coefficients").get(j);
                OlsCoefficient c = fit.coefficients().get(j);
                assertEquals(rc.get("term").asText(), c.term());
                double seTolerance = 0.005 * rc.get("se").asDouble();
                assertEquals(rc.get("estimate").asDouble(), c.estimate(), seTolerance, school + " estimate");
                close(rc.get("se").asDouble(), c.se(), 0.005, school + " se");
                close(rc.get("statistic").asDouble(), c.statistic(), 0.005, school + " t");
                close(rc.get("p").asDouble(), c.p(), 0.03, school + " p");
            }
            close(ref.get("sigma").asDouble(), fit.sigma(), 0.005, school + " sigma");
            close(ref.get("r2").asDouble(), fit.r2(), 0.005, school + " r2");
            close(ref.get("adjR2").asDouble(), fit.adjR2(), 0.005, school + " adjR2");
            close(ref.get("F").asDouble(), fit.f(), 0.005, school + " F");
            assertEquals(ref.get("Fdf").get(0).asInt(), fit.fdf()[0]);
            assertEquals(ref.get("Fdf").get(1).asInt(), fit.fdf()[1]);
        }
        assertTrue(s.text().contains("1224"), s.text());
    }

    @Test
    void everySectionSerializesToJsonWithNullsForMissingValues() throws IOException {
        FittedModel m = fit("math ~ meanses + cses + (1 + cses | school)");
        AnalysisRequest request = new AnalysisRequest(m.design().spec(), REML, List.of("contextual=meanses - cses"),
                Map.of("compare-ols", "true"));
        List<ResultSection> sections = new java.util.ArrayList<>();
        for (var c : List.of(new IccContributor(), new DesignEffectContributor(), new R2Contributor(),
                new ReliabilityContributor(), new ContrastContributor(), new NaiveOlsContributor())) {
            sections.addAll(c.contribute(m, hsb, request));
        }
        sections.add(ClusterOls.section(hsb, frame("math ~ cses"), "school"));
        ObjectMapper mapper = new ObjectMapper();
        List<String> keys = new java.util.ArrayList<>();
        for (ResultSection s : sections) {
            keys.add(s.key());
            JsonNode node = mapper.readTree(mapper.writeValueAsString(s.json()));
            assertFalse(node.isNull(), s.key());
            if (System.getProperty("derived.print") != null) System.out.println(s.title() + "\n" + s.text());
        }
        assertEquals(List.of("icc", "designEffect", "r2", "reliability", "contrasts", "naiveOls", "olsByCluster"), keys);
        JsonNode contrast = mapper.readTree(mapper.writeValueAsString(sections.get(4).json())).get(0);
        assertEquals("contextual", contrast.get("name").asText());
        assertTrue(contrast.get("df").isNumber());
        JsonNode ols = mapper.readTree(mapper.writeValueAsString(sections.get(6).json()));
        assertEquals(160, ols.get("clusters").size());
        assertEquals(2, ols.get("clusters").get(0).get("fdf").size());
    }

    @Test
    void sectionsRenderAlignedText() {
        FittedModel m = fit("math ~ cses + (1 + cses | school)");
        AnalysisRequest request = AnalysisRequest.of(m.design().spec(), REML);
        for (ResultSection s : List.of(only(new IccContributor().contribute(m, hsb, request)),
                only(new R2Contributor().contribute(m, hsb, request)),
                only(new ReliabilityContributor().contribute(m, hsb, request)))) {
            assertNotNull(s.json());
            assertFalse(s.text().isBlank());
            assertFalse(s.text().contains("NaN"), s.text());
        }
        ResultSection icc = only(new IccContributor().contribute(m, hsb, request));
        assertTrue(icc.text().contains("covariates at 0"), icc.text());
    }
}
