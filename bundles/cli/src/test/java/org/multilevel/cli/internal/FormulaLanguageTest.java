package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Logical expressions fitted end to end against lme4, and the formula limits on the command line (issues 9.3, 10). */
class FormulaLanguageTest {
    private static JsonNode fit(String data, String formula) throws Exception {
        return CommandLineTest.json(CommandLineTest.ok("fit", "--data", Services.data(data), "--formula", formula, "--format", "json"));
    }

    private static void estimates(JsonNode fit, String[] terms, double[] expected, double tolerance) {
        assertEquals(terms.length, fit.get("fixed").size(), fit.get("fixed").toString());
        for (int k = 0; k < terms.length; k++) {
            JsonNode a = fit.get("fixed").get(k);
            assertEquals(terms[k], a.get("term").asText());
            assertEquals(expected[k], a.get("estimate").asDouble(), tolerance, terms[k]);
        }
    }

    @Test
    void logicalExpressionsMatchLme4() throws Exception {
        // R: fixef(lmer(Reaction ~ I(Days > 2) + (1 | Subject), sleepstudy)): 262.1698203704 51.9115304233
        estimates(fit("sleepstudy.csv", "Reaction ~ I(Days > 2) + (1 | Subject)"),
                new String[] {"(Intercept)", "I(Days > 2)TRUE"}, new double[] {262.1698203704, 51.9115304233}, 1e-4);
        // R: fixef(lmer(Reaction ~ I(Days - 1 > 2 * 2) + Days + (1 | Subject), sleepstudy)): 250.92699259259 -1.87829814815 10.74049296296
        estimates(fit("sleepstudy.csv", "Reaction ~ I(Days - 1 > 2 * 2) + Days + (1 | Subject)"),
                new String[] {"(Intercept)", "I(Days - 1 > 2 * 2)TRUE", "Days"}, new double[] {250.92699259259, -1.87829814815, 10.74049296296}, 1e-4);
        // R: lmer(Reaction ~ I(log(Days - 1) > 0) + (1 | Subject), sleepstudy): nobs 162, 264.9288277778 49.1525230159
        JsonNode na = fit("sleepstudy.csv", "Reaction ~ I(log(Days - 1) > 0) + (1 | Subject)");
        assertEquals(162, na.get("nobs").asInt());
        estimates(na, new String[] {"(Intercept)", "I(log(Days - 1) > 0)TRUE"}, new double[] {264.9288277778, 49.1525230159}, 1e-4);
        // R: fixef(lmer(math ~ I(ses >= 0 & sector == 1) + I(minority != 0) + (1 | school), hsb)): 13.14567024393 1.86677278537 -3.60542224436
        estimates(fit("hsb.csv", "math ~ I(ses >= 0 & sector == 1) + I(minority != 0) + (1 | school)"),
                new String[] {"(Intercept)", "I(ses >= 0 & sector == 1)TRUE", "I(minority != 0)TRUE"},
                new double[] {13.14567024393, 1.86677278537, -3.60542224436}, 1e-4);
        // R: fixef(lmer(strength ~ I(cask != 'b' & batch == "A") + (1 | batch), Pastes)): 59.89838805639 2.32417915416
        estimates(fit("pastes.csv", "strength ~ I(cask != 'b' & batch == \"A\") + (1 | batch)"),
                new String[] {"(Intercept)", "I(cask != \"b\" & batch == \"A\")TRUE"}, new double[] {59.89838805639, 2.32417915416}, 1e-4);
        // R: lmer(Reaction ~ Days + I(Days >= 0) + (1 | Subject)): "fixed-effect model matrix is rank deficient so
        //    dropping 1 column / coefficient", fixef 251.4051048485 10.4672859596
        JsonNode all = fit("sleepstudy.csv", "Reaction ~ Days + I(Days >= 0) + (1 | Subject)");
        estimates(all, new String[] {"(Intercept)", "Days"}, new double[] {251.4051048485, 10.4672859596}, 1e-4);
        assertTrue(all.get("warnings").toString().contains("I(Days >= 0)TRUE"), all.get("warnings").toString());
    }

    @Test
    void vectorisedOperatorsOnlyAndClearRefusals() {
        String m = BadInputTest.userError("fit", "--data", Services.data("sleepstudy.csv"), "--formula",
                "Reaction ~ I(Days > 2 && Days < 5) + (1 | Subject)");
        assertTrue(m.contains("'&&' is not vectorised"), m);
    }

    @Test
    void tenThousandDeepParenthesesEndWithExitTwo() {
        String deep = "Reaction ~ " + "(".repeat(10_000) + "Days" + ")".repeat(10_000) + " + (1 | Subject)";
        String m = BadInputTest.userError("fit", "--data", Services.data("sleepstudy.csv"), "--formula", deep);
        assertTrue(m.startsWith("error: formula too deep"), m);
        String deepI = "Reaction ~ I" + "(".repeat(10_000) + "Days" + ")".repeat(10_000) + " + (1 | Subject)";
        m = BadInputTest.userError("fit", "--data", Services.data("sleepstudy.csv"), "--formula", deepI);
        assertTrue(m.startsWith("error: formula too deep"), m);
    }

    @Test
    void a120KilobyteFormulaEndsWithExitTwo() {
        String sum = "Reaction ~ Days" + " + Days".repeat(120_000 / 7) + " + (1 | Subject)";
        String m = BadInputTest.userError("fit", "--data", Services.data("sleepstudy.csv"), "--formula", sum);
        assertTrue(m.startsWith("error: formula too long: " + sum.length() + " characters, the limit is 65536"), m);
    }
}
