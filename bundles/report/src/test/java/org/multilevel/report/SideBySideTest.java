package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.FitResult;
import org.multilevel.report.text.SideBySide;
import org.multilevel.report.text.TextTable;

class SideBySideTest {
    @Test
    void oneRowPerTermOfAnyModelThenTheFooter() {
        FitResult reml = Fixtures.sleepstudy().result();
        FitResult ml = Fixtures.result(Fixtures.reference("sleepstudy_ml"), "lmm-nested", "Satterthwaite",
                java.util.Map.of(), List.of());
        FitResult binomial = Fixtures.cbpp().result();
        TextTable t = SideBySide.table(List.of("REML", "ML", "cbpp"), List.of(reml, ml, binomial));
        List<List<String>> rows = t.rows();
        // (Intercept), Days, three period terms, then N, Groups, logLik, AIC, BIC
        assertEquals(2 + 3 + 5, rows.size(), t.render());
        assertEquals("(Intercept)", rows.get(0).get(0));
        assertTrue(rows.get(1).get(1).startsWith("10.467 (1.546) ***"), rows.get(1).toString());
        assertEquals("", rows.get(1).get(3), "cbpp has no Days");
        assertEquals("", rows.get(2).get(1), "the sleepstudy models have no period");
        assertEquals(List.of("N", "180", "180", "56"), rows.get(5));
        assertEquals(List.of("Groups", "Subject 18", "Subject 18", "herd 15"), rows.get(6));
        assertEquals(reml.aic(), Double.parseDouble(rows.get(8).get(1)), 0.05);
        assertTrue(t.render().contains("Estimates with standard errors in parentheses."));
    }
}
