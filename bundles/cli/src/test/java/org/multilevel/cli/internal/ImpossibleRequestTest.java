package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multilevel.cli.CommandLine;

/**
 * A request that cannot be honoured is an error (exit 2, one line naming the option and why) before any fitting;
 * the options alone are checked even before the data are read (here: a data file that does not exist).
 */
class ImpossibleRequestTest {
    static final String MISSING = "/no/such/folder/data.csv";

    static void refused(String expected, String... args) {
        String message = BadInputTest.userError(args);
        assertTrue(message.contains(expected), message);
    }

    static String[] fit(String data, String formula, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "fit";
        args[1] = "--data";
        args[2] = data;
        args[3] = "--formula";
        args[4] = formula;
        System.arraycopy(more, 0, args, 5, more.length);
        return args;
    }

    @Test
    void optionsThatTheModelKindCannotHonourAreRefusedBeforeTheDataAreRead() {
        String glmm = "incidence / size ~ period + (1 | herd)";
        refused("--ddf kenward-roger applies to gaussian models", fit(MISSING, glmm, "--family", "binomial", "--ddf", "kenward-roger"));
        refused("--ci profile is available for gaussian models only", fit(MISSING, glmm, "--family", "binomial", "--ci", "profile"));
        refused("--ci bootstrap is available for gaussian models only", fit(MISSING, glmm, "--family", "binomial", "--ci", "bootstrap"));
        refused("--robust is available for gaussian models only", fit(MISSING, glmm, "--family", "binomial", "--robust"));
        String lmm = "Reaction ~ Days + (Days | Subject)";
        refused("--nagq sets quadrature points for binomial and poisson models", fit(MISSING, lmm, "--nagq", "5"));
        refused("--ddf kenward-roger needs a REML fit", fit(MISSING, lmm, "--method", "ML", "--ddf", "kr"));
    }

    @Test
    void nsimMustBeBetweenTwoAndItsLimitAndNeedsTheBootstrap() {
        String lmm = "Reaction ~ Days + (Days | Subject)";
        refused("--nsim must be between 2 and 100,000, got 1", fit(MISSING, lmm, "--ci", "bootstrap", "--nsim", "1"));
        refused("--nsim must be between 2 and 100,000, got 100001", fit(MISSING, lmm, "--ci", "bootstrap", "--nsim", "100001"));
        refused("--nsim must be between", fit(MISSING, lmm, "--ci", "bootstrap", "--nsim", "-5"));
        refused("--nsim applies to bootstrap intervals only", fit(MISSING, lmm, "--nsim", "500"));
        refused("--seed applies to bootstrap intervals only", fit(MISSING, lmm, "--ci", "wald", "--seed", "3"));
        assertTrue(Help.TEXT.contains("between 2 and 100,000"), "help states the limit");
    }

    @Test
    void optionsNamingNothingTheModelUsesAreRefused() {
        String sleep = Services.data("sleepstudy.csv");
        String lmm = "Reaction ~ Days + (Days | Subject)";
        refused("--plot-predictor names 'Dayz', which is not a column of the data set (did you mean Days?)",
                fit(sleep, lmm, "--plot-predictor", "Dayz"));
        refused("--center ses=grand names 'ses', which the model does not use",
                fit(Services.data("hsb.csv"), "math ~ sector + (1 | school)", "--center", "ses=grand"));
        refused("--center meanses=grand names 'meanses', which the model does not use",
                "compare", "--data", Services.data("hsb.csv"), "--formula", "math ~ 1 + (1 | school)", "--formula",
                "math ~ ses + (1 | school)", "--center", "meanses=grand");
    }

    @Test
    void contrastsAreCheckedAgainstTheModelBeforeTheFit() {
        String hsb = Services.data("hsb.csv");
        String model = "math ~ ses + sector + (1 | school)";
        refused("Cannot read the contrast 'x=ses - sectr'", fit(hsb, model, "--contrast", "x=ses - sectr"));
        refused("Cannot read the contrast '=ses'", fit(hsb, model, "--contrast", "=ses"));
        refused("Cannot read the contrast 'd=ses ses'", fit(hsb, model, "--contrast", "d=ses ses"));
    }

    @Test
    void robustStandardErrorsWithCrossedFactorsAreRefused() {
        refused("robust standard errors were asked for, but they need nested random effects; the grouping factors",
                fit(Services.data("penicillin.csv"), "diameter ~ 1 + (1 | plate) + (1 | sample)", "--robust"));
    }

    @Test
    void aCenteredVariableInsideAFunctionOrBackQuotesCountsAsUsed() {
        assertTrue(FitRequestCheck.mentions("math ~ log(ses) + (1 | school)", "ses"));
        assertTrue(FitRequestCheck.mentions("y ~ `my var` + (1 | g)", "my var"));
        assertFalse(FitRequestCheck.mentions("math ~ meanses + (1 | school)", "ses"));
        assertFalse(FitRequestCheck.mentions("math ~ ses_2 + (1 | school)", "ses"));
        assertTrue(FitRequestCheck.mentions("math ~ ses*sector + (1 | school)", "sector"));
    }

    @Test
    void warningsAreWrittenForAResearcherAndEachOnce() {
        Services.Run run = Services.run("fit", "--data", Services.data("hsb.csv"), "--formula",
                "math ~ ses + (1 | school)", "--format", "json", "--contrast", "s=ses", "--contrast", "s=ses");
        assertEquals(CommandLine.OK, run.code(), run.err());
        assertFalse(run.err().contains("Contributor"), run.err());
        assertEquals(run.errLines().size(), run.errLines().stream().distinct().count(), run.err());
    }
}
