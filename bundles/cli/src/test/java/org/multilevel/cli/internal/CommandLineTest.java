package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.cli.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/** The commands end to end with the real components, checked against the R references in shared/. */
class CommandLineTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Services.Run ok(String... args) {
        Services.Run run = Services.run(args);
        assertEquals(CommandLine.OK, run.code(), () -> "exit code; stderr: " + run.err());
        return run;
    }

    /** Standard output must be exactly one JSON document. */
    static JsonNode json(Services.Run run) throws Exception {
        try (var parser = JSON.getFactory().createParser(run.out())) {
            JsonNode node = JSON.readTree(parser);
            assertEquals(null, parser.nextToken(), "nothing after the JSON document");
            return node;
        }
    }

    static JsonNode reference(String id) throws Exception {
        return JSON.readTree(Services.SHARED.resolve("reference/" + id + ".json").toFile());
    }

    @Test
    void noArgumentsFitsTheBundledExample() {
        Services.Run run = ok();
        assertTrue(run.out().contains("school"), run.out());
        assertTrue(run.out().contains("cses") && run.out().contains("meanses") && run.out().contains("sector"), run.out());
        assertTrue(run.out().contains("7185"), run.out());
        assertTrue(run.err().contains("bundled High School and Beyond example"), run.err());
    }

    @Test
    void fitJsonMatchesTheReference() throws Exception {
        JsonNode ref = reference("hsb_sector_reml");
        JsonNode exp = ref.get("expected");
        JsonNode act = json(ok("fit", "--data", Services.data("hsb.csv"), "--formula", ref.get("formula").asText(),
                "--family", "gaussian", "--method", "REML", "--format", "json"));
        assertEquals(exp.get("nobs").asInt(), act.get("nobs").asInt());
        assertEquals(exp.get("npar").asInt(), act.get("npar").asInt());
        assertEquals("lmm-nested", act.get("estimator").asText());
        assertEquals("Satterthwaite", act.get("ddf").asText());
        assertEquals(exp.get("logLik").asDouble(), act.get("logLik").asDouble(), 0.002);
        for (int k = 0; k < exp.get("fixed").size(); k++) {
            JsonNode e = exp.get("fixed").get(k);
            JsonNode a = act.get("fixed").get(k);
            assertEquals(e.get("term").asText(), a.get("term").asText());
            assertEquals(e.get("estimate").asDouble(), a.get("estimate").asDouble(), 0.005 * e.get("se").asDouble());
            assertEquals(e.get("df").asDouble(), a.get("df").asDouble(), 0.01 * e.get("df").asDouble());
        }
    }

    @Test
    void jsonGoesAloneToStdoutAndOutWritesAFile() throws Exception {
        Path out = dir.resolve("fit.json");
        Services.Run run = ok("fit", "--data", Services.data("dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--format", "json", "--out", out.toString());
        assertEquals("", run.out());
        JsonNode node = JSON.readTree(out.toFile());
        assertEquals(30, node.get("nobs").asInt());
        assertEquals(6, node.get("groups").get("Batch").asInt());
    }

    @Test
    void compareJsonMatchesTheLikelihoodRatioReferences() throws Exception {
        for (String id : List.of("hsb_lrt_rslope", "hsb_lrt_sector")) {
            JsonNode ref = reference(id);
            JsonNode exp = ref.get("expected");
            JsonNode act = json(ok("compare", "--data", Services.data("hsb.csv"), "--formula", ref.get("formula0").asText(),
                    "--formula", ref.get("formula1").asText(), "--method", "ML", "--format", "json"));
            JsonNode test = act.get("tests").get(0);
            assertEquals(exp.get("chisq").asDouble(), test.get("chisq").asDouble(), 0.005, id);
            assertEquals(exp.get("df").asInt(), test.get("df").asInt(), id);
            assertEquals(exp.get("p").asDouble(), test.get("p").asDouble(), 0.02 * exp.get("p").asDouble(), id);
            if (exp.has("pMixture")) {
                assertEquals(exp.get("pMixture").asDouble(), test.get("pMixture").asDouble(),
                        0.02 * exp.get("pMixture").asDouble(), id);
                assertEquals(exp.get("mixtureDf").toString(), test.get("mixtureDf").toString(), id);
            } else {
                assertEquals(JsonNodeType.NULL, test.get("pMixture").getNodeType(), id);
            }
            assertEquals(exp.get("logLik0").asDouble(), act.get("models").get(0).get("logLik").asDouble(), 0.002, id);
        }
    }

    @Test
    void collinearFixedEffectIsDroppedAndNamed() throws Exception {
        List<String> lines = Files.readAllLines(Services.DATA.resolve("hsb.csv"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append(",ses2\n");
        for (String line : lines.subList(1, lines.size())) {
            double ses = Double.parseDouble(line.split(",")[2]);
            sb.append(line).append(',').append(2 * ses).append('\n');
        }
        Path f = dir.resolve("collinear.csv");
        Files.writeString(f, sb.toString());
        Services.Run run = ok("fit", "--data", f.toString(), "--formula", "math ~ ses + ses2 + (1 | school)", "--format",
                "json");
        JsonNode node = json(run);
        assertEquals(2, node.get("fixed").size());
        assertTrue(node.get("warnings").toString().contains("ses2"), node.get("warnings").toString());
        assertTrue(run.err().contains("ses2"), "the dropped column is named on stderr too: " + run.err());
    }

    @Test
    void centeringOptionsReachTheModel() throws Exception {
        JsonNode act = json(ok("fit", "--data", Services.data("hsb.csv"), "--formula", "math ~ ses + (1 | school)",
                "--center", "ses=within:school", "--format", "json"));
        JsonNode ref = reference("hsb_context_reml").get("expected");
        // ses centered within school is cses: the slope is the within-school slope of the reference
        double cses = 0;
        for (JsonNode f : ref.get("fixed")) if (f.get("term").asText().equals("cses")) cses = f.get("estimate").asDouble();
        double ses = 0;
        for (JsonNode f : act.get("fixed")) if (f.get("term").asText().contains("ses")) ses = f.get("estimate").asDouble();
        assertEquals(cses, ses, 0.05 * Math.abs(cses));
    }

    @Test
    void olsByClusterPrintsEverySchool() throws Exception {
        JsonNode act = json(ok("ols-by-cluster", "--data", Services.data("hsb.csv"), "--formula", "math ~ cses",
                "--cluster", "school", "--format", "json"));
        JsonNode clusters = act.findValue("clusters");
        assertEquals(160, clusters.size());
        Services.Run text = ok("ols-by-cluster", "--data", Services.data("hsb.csv"), "--formula", "math ~ cses",
                "--cluster", "school");
        assertTrue(text.out().contains("1224") && text.out().contains("8367"), text.out());
    }

    @Test
    void exportsWriteTheModelRowsModesAndResiduals() throws Exception {
        Path data = dir.resolve("data.csv");
        Path ranef = dir.resolve("ranef.csv");
        Path residuals = dir.resolve("residuals.csv");
        ok("fit", "--data", Services.data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)",
                "--center", "Days=grand", "--save-data", data.toString(), "--save-ranef", ranef.toString(),
                "--save-residuals", residuals.toString());
        List<String> d = Files.readAllLines(data);
        assertEquals(181, d.size());
        assertTrue(d.get(0).contains("model:"), d.get(0));
        List<String> r = Files.readAllLines(ranef);
        assertEquals(1 + 18 * 2, r.size());
        List<String> res = Files.readAllLines(residuals);
        assertEquals(181, res.size());
        String[] first = res.get(1).split(",");
        double observed = Double.parseDouble(first[1]);
        double fitted = Double.parseDouble(first[2]);
        assertEquals(observed - fitted, Double.parseDouble(first[4]), 1e-9);
        assertFalse(Math.abs(observed - fitted) > 100, "a conditional residual of sleepstudy is small");
    }

    @Test
    void helpListsTheCommands() {
        Services.Run run = ok("help");
        for (String c : CommandLineComponent.COMMANDS) assertTrue(run.out().contains(c), c);
    }

    @Test
    void binomialFitUsesTheGlmmEstimator() throws Exception {
        JsonNode ref = reference("cbpp_binomial_laplace");
        JsonNode act = json(ok("fit", "--data", Services.data("cbpp.csv"), "--formula", ref.get("formula").asText(),
                "--family", "binomial", "--format", "json"));
        assertEquals("glmm-laplace", act.get("estimator").asText());
        assertEquals("Laplace", act.get("method").asText());
        assertEquals(ref.get("expected").get("logLik").asDouble(), act.get("logLik").asDouble(), 0.01);
    }

    @Test
    void optionsReachTheContributors() throws Exception {
        JsonNode ref = JSON.readTree(Services.SHARED.resolve("reference/inference/inference.json").toFile()).get("anova_hsb_rb");
        JsonNode act = json(ok("fit", "--data", Services.data("hsb.csv"), "--formula", ref.get("formula").asText(),
                "--anova", "3", "--contrast", "contextual=meanses - cses", "--compare-ols", "--format", "json"));
        JsonNode anova = act.get("anova");
        assertTrue(anova != null, "anova section in " + act.fieldNames());
        String table = anova.toString();
        for (JsonNode row : ref.get("typeIII_satterthwaite")) {
            JsonNode mine = null;
            for (JsonNode r : anova.findValue("rows") != null ? anova.findValue("rows") : anova.findValue("table")) {
                if (r.get("term").asText().equals(row.get("term").asText())) mine = r;
            }
            assertTrue(mine != null, row.get("term") + " in " + table);
            assertEquals(row.get("F").asDouble(), mine.get("F").asDouble(), 0.01 * row.get("F").asDouble(), table);
            assertEquals(row.get("denDf").asDouble(), mine.get("denDf").asDouble(), 0.01 * row.get("denDf").asDouble(), table);
        }
        assertTrue(act.has("contrasts"), "contrasts in " + act.fieldNames());
        assertTrue(act.toString().contains("contextual"), act.toString());
    }
    /** lmerTest's anova tables of inference.json: types II and III, Satterthwaite and Kenward-Roger. */
    @Test
    void anovaTablesMatchLmerTest() throws Exception {
        JsonNode ref = JSON.readTree(Services.SHARED.resolve("reference/inference/inference.json").toFile()).get("anova_hsb_rb");
        String[][] runs = {{"2", "satterthwaite", "typeII_satterthwaite"}, {"3", "satterthwaite", "typeIII_satterthwaite"},
            {"3", "kenward-roger", "typeIII_kenwardRoger"}};
        for (String[] run : runs) {
            JsonNode act = json(ok("fit", "--data", Services.data("hsb.csv"), "--formula", ref.get("formula").asText(),
                    "--anova", run[0], "--ddf", run[1], "--format", "json"));
            JsonNode anova = act.get("anova");
            assertTrue(anova != null, "anova section for " + String.join(" ", run));
            String table = anova.toString();
            JsonNode rows = anova.findValue("rows") != null ? anova.findValue("rows") : anova.findValue("table");
            for (JsonNode row : ref.get(run[2])) {
                JsonNode mine = null;
                for (JsonNode r : rows) {
                    if (r.get("term").asText().equals(row.get("term").asText())) mine = r;
                }
                assertTrue(mine != null, row.get("term") + " in " + table);
                String what = run[2] + " " + row.get("term").asText() + ": " + table;
                assertEquals(row.get("numDf").asDouble(), mine.get("numDf").asDouble(), 1e-9, what);
                assertEquals(row.get("F").asDouble(), mine.get("F").asDouble(), 0.01 * row.get("F").asDouble(), what);
                assertEquals(row.get("denDf").asDouble(), mine.get("denDf").asDouble(), 0.01 * row.get("denDf").asDouble(), what);
                assertEquals(row.get("p").asDouble(), mine.get("p").asDouble(), 0.03 * row.get("p").asDouble(), what);
            }
        }
    }

    @Test
    void varianceTestsFlagAddsTheLikelihoodRatioTestsOfTheVariances() throws Exception {
        JsonNode act = json(ok("fit", "--data", Services.data("dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--variance-tests", "--format", "json"));
        assertTrue(act.has("varianceTests"), "varianceTests in " + act.toString());
        assertTrue(act.get("varianceTests").toString().contains("Batch"), act.get("varianceTests").toString());
        JsonNode plain = json(ok("fit", "--data", Services.data("dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--format", "json"));
        assertFalse(plain.has("varianceTests"), "only when asked");
    }
    @Test
    void helpListsEveryFitAndCompareOption() {
        String help = ok("help").out();
        for (String option : FitCommand.OPTIONS.keySet()) assertTrue(help.contains("--" + option), "--" + option);
        for (String option : CompareCommand.OPTIONS.keySet()) assertTrue(help.contains("--" + option), "--" + option);
    }

    @Test
    void compareTextShowsTheModelsSideBySideAfterTheLikelihoodRatioTable() {
        String out = ok("compare", "--data", Services.data("sleepstudy.csv"), "--formula", "Reaction ~ 1 + (1 | Subject)",
                "--formula", "Reaction ~ Days + (1 | Subject)", "--method", "ML").out();
        int side = out.indexOf("Models side by side");
        assertTrue(side > 0, out);
        assertTrue(out.indexOf("Chisq") >= 0 && out.indexOf("Chisq") < side, out);
        assertTrue(out.substring(side).contains("Days") && out.substring(side).contains("AIC"), out);
    }

    /** Issue 10: an impossible request is an error (it was a warning after the fit before). */
    @Test
    void profileIntervalsOfAGlmmAreRefusedBeforeTheFit() {
        String message = BadInputTest.userError("fit", "--data", Services.data("cbpp.csv"), "--formula",
                "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial", "--ci", "profile");
        assertTrue(message.contains("--ci profile is available for gaussian models only"), message);
    }
}
