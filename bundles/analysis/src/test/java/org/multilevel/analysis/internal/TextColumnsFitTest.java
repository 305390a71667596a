package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.Transform;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.report.ReportComponent;

/**
 * Issue 9 items 2, 5 and 6 end to end: a CSV read as R reads it, fitted, and the results JSON saying what was
 * done. R values are from lme4 1.1-31 on the same files (the R calls are beside the numbers).
 */
class TextColumnsFitTest {
    @TempDir
    Path dir;

    private final AnalysisComponent analysis = Components.analysis(false);
    private static final FitOptions REML = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);

    private Path grades() throws IOException {
        Path file = dir.resolve("grades.csv");
        try (InputStream in = getClass().getResourceAsStream("/text-among-numbers/grades.csv")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static Dataset read(Path file) {
        return new CsvDataImporter().read(file, ImportOptions.defaults());
    }

    private static JsonNode json(AnalysisResult result) throws IOException {
        return new ObjectMapper().readTree(new ReportComponent().render(result, ReportFormat.JSON));
    }

    private static void assertFixed(FitResult fit, String[] terms, double[] estimates, double[] ses) {
        assertEquals(terms.length, fit.fixed().size());
        for (int j = 0; j < terms.length; j++) {
            FixedEffect f = fit.fixed().get(j);
            assertEquals(terms[j], f.term());
            assertEquals(estimates[j], f.estimate(), 0.005 * ses[j], terms[j]);
            assertEquals(ses[j], f.se(), 0.005 * ses[j], terms[j]);
        }
    }

    // r <- read.csv("grades.csv"); m <- lmer(y ~ grade + kids + x + (1 | school), data = r)
    private static final String[] TERMS = {"(Intercept)", "grade2", "grade3", "gradeK", "kids1", "kids2", "kids3+", "x"};
    // fixef(m)
    private static final double[] ESTIMATES = {9.4170645671956468, -0.0133851365241952, -0.8291559360083083,
        1.8218603697609030, 0.4661737222089150, 0.7737271127561351, -0.2934903593652826, 0.5574004167351280};
    // sqrt(diag(vcov(m)))
    private static final double[] SES = {0.567166205102824, 0.427955185776955, 0.450490297292394,
        0.490056020832973, 0.519141088482864, 0.386530105240134, 0.467787718723820, 0.172703966728752};
    private static final double LOGLIK = -73.6493984306389; // logLik(m)
    private static final double SCHOOL_VARIANCE = 1.40595122831831; // VarCorr(m)$school[1]
    private static final double SIGMA2 = 0.993873708184547; // sigma(m)^2

    @Test
    void aModelCopiedFromRRunsUnchangedOnColumnsWithTextAndGivesRsNumbers() throws IOException {
        AnalysisResult result = analysis.fit(read(grades()),
                AnalysisRequest.of(ModelSpec.gaussian("y ~ grade + kids + x + (1 | school)"), REML));
        FitResult fit = result.fit();
        assertFixed(fit, TERMS, ESTIMATES, SES);
        assertEquals(LOGLIK, fit.logLik(), 0.002);
        assertEquals(SCHOOL_VARIANCE, fit.random().get(0).covariance()[0][0], 0.01 * SCHOOL_VARIANCE);
        assertEquals(SIGMA2, fit.sigma2(), 0.002 * SIGMA2);
        assertTrue(fit.warnings().contains("column 'grade' is read as categorical (4 levels) because of its text"
                + " value 'K', as R's read.csv reads it"), fit.warnings().toString());
        assertTrue(fit.warnings().contains("column 'kids' is read as categorical (4 levels) because of its text"
                + " value '3+', as R's read.csv reads it"), fit.warnings().toString());

        JsonNode json = json(result);
        assertTrue(json.get("nAGQ").isNull(), "no quadrature for a linear model");
        assertEquals(",", json.at("/data/delimiter").asText());
        assertEquals(".", json.at("/data/decimalMark").asText());
        assertEquals("UTF-8", json.at("/data/encoding").asText());
        assertEquals("grade", json.at("/readAsCategorical/0/column").asText());
        assertEquals("K", json.at("/readAsCategorical/0/textValues/0").asText());
        assertEquals(4, json.at("/readAsCategorical/0/levels").asInt());
        assertEquals("kids", json.at("/readAsCategorical/1/column").asText());
        assertEquals("1", json.at("/referenceLevels/grade").asText());
        assertEquals("0", json.at("/referenceLevels/kids").asText());
        assertEquals(0, json.get("centering").size());
        assertEquals(2, json.get("warnings").size(), json.get("warnings").toString());
    }

    @Test
    void theSameFileWithSemicolonsAndDecimalCommasGivesTheSameFitAndSaysHowItWasRead() throws IOException {
        // as R's write.csv2 writes it (read.csv2 reads it back to the same data)
        String european = Files.readString(grades()).replace(',', ';').replaceAll("(\\d)\\.(\\d)", "$1,$2");
        Path file = Files.writeString(dir.resolve("grades2.csv"), european);
        AnalysisResult result = analysis.fit(read(file),
                AnalysisRequest.of(ModelSpec.gaussian("y ~ grade + kids + x + (1 | school)"), REML));
        assertFixed(result.fit(), TERMS, ESTIMATES, SES);
        JsonNode json = json(result);
        assertEquals(";", json.at("/data/delimiter").asText());
        assertEquals(",", json.at("/data/decimalMark").asText());
        assertEquals("Data file " + file + " was read with ';' as the delimiter and ',' as the decimal mark (its"
                + " numbers are written like 3,14).", json.at("/data/notes/0").asText());
        assertEquals(List.of("Data file " + file + " was read with ';' as the delimiter and ',' as the decimal mark"
                + " (its numbers are written like 3,14)."), result.model().design().notes());
    }

    @Test
    void centeringAndAChosenReferenceAreRecorded() throws IOException {
        ModelSpec spec = new ModelSpec("y ~ grade + cwc(x, school) + (1 | school)", Family.GAUSSIAN, null,
                Map.of("grade", "K"), List.of());
        JsonNode json = json(analysis.fit(read(grades()), AnalysisRequest.of(spec, REML)));
        assertEquals("K", json.at("/referenceLevels/grade").asText());
        assertEquals("cwc(x, school)", json.at("/centering/0/term").asText());
        assertEquals("within", json.at("/centering/0/transform").asText());
        assertEquals("school", json.at("/centering/0/cluster").asText());
        assertEquals("formula", json.at("/centering/0/by").asText());
        ModelSpec option = new ModelSpec("y ~ x + (1 | school)", Family.GAUSSIAN, null, Map.of(),
                List.of(new Centering("x", Transform.GRAND_MEAN_CENTERED, null)));
        json = json(analysis.fit(read(grades()), AnalysisRequest.of(option, REML)));
        assertEquals("grand", json.at("/centering/0/transform").asText());
        assertEquals("option", json.at("/centering/0/by").asText());
        assertTrue(json.at("/centering/0/cluster").isNull());
    }

    @Test
    void nAGQIsThePointsActuallyUsed() throws IOException {
        Dataset cbpp = read(TestData.DATA.resolve("cbpp.csv"));
        ModelSpec spec = ModelSpec.of("cbind(incidence, size - incidence) ~ period + (1 | herd)", Family.BINOMIAL);
        JsonNode laplace = json(analysis.fit(cbpp, AnalysisRequest.of(spec, FitOptions.of(Method.LAPLACE, DdfMethod.NONE))));
        assertEquals(1, laplace.get("nAGQ").asInt());
        FitOptions agq = new FitOptions(Method.AGQ, DdfMethod.NONE, 9, 10_000);
        JsonNode quadrature = json(analysis.fit(cbpp, AnalysisRequest.of(spec, agq)));
        assertEquals(9, quadrature.get("nAGQ").asInt());
        assertEquals("AGQ", quadrature.get("method").asText());
    }

    @Test
    void aResponseOfTinyScaleIsNotConstant() throws IOException {
        // s <- read.csv("sleepstudy.csv"); s$tiny <- s$Reaction * 1e-14; m <- lmer(tiny ~ Days + (1 | Subject), s)
        Dataset sleep = read(TestData.DATA.resolve("sleepstudy.csv"));
        double[] reaction = ((NumericColumn) sleep.column("Reaction").orElseThrow()).values();
        StringBuilder csv = new StringBuilder("tiny,Days,Subject\n");
        double[] days = ((NumericColumn) sleep.column("Days").orElseThrow()).values();
        var subject = sleep.column("Subject").orElseThrow();
        for (int i = 0; i < reaction.length; i++) {
            String s = subject instanceof NumericColumn n ? String.valueOf((long) n.values()[i])
                    : ((org.multilevel.api.data.CategoricalColumn) subject).levelOf(i);
            csv.append(reaction[i] * 1e-14).append(',').append(days[i]).append(',').append(s).append('\n');
        }
        Dataset tiny = read(Files.writeString(dir.resolve("tiny.csv"), csv));
        FitResult fit = analysis.fit(tiny, AnalysisRequest.of(ModelSpec.gaussian("tiny ~ Days + (1 | Subject)"), REML)).fit();
        // fixef(m): 2.51405104848489e-12 1.04672859595958e-13; sqrt(diag(vcov(m))): 9.74671626995697e-14 8.04221428937557e-15
        assertFixed(fit, new String[] {"(Intercept)", "Days"}, new double[] {2.51405104848489e-12, 1.04672859595958e-13},
                new double[] {9.74671626995697e-14, 8.04221428937557e-15});
        assertEquals(4844.8095090437, fit.logLik(), 0.002); // logLik(m)
    }
}
