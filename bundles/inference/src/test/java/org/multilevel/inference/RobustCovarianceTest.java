package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;

/**
 * CR2 standard errors and Bell-McCaffrey df against R's clubSandwich (coef_test, vcov = "CR2",
 * test = "Satterthwaite"), computed here by src/test/resources/reference/robust_cr2.R.
 */
class RobustCovarianceTest {
    private static final Map<String, String> DESIGNS = Map.of("hsb_rb", "hsb_rb_reml", "hsb_sector",
            "hsb_sector_reml", "sleepstudy", "sleepstudy_reml");

    @Test
    void matchesClubSandwich() throws IOException {
        JsonNode all;
        try (InputStream in = getClass().getResourceAsStream("/reference/robust_cr2.json")) {
            all = new ObjectMapper().readTree(in);
        }
        assertEquals(3, all.size());
        for (JsonNode c : all) {
            String id = c.get("id").asText();
            DesignMatrices d = ReferenceCases.design(DESIGNS.get(id), c.get("formula").asText());
            List<double[][]> cov = new ArrayList<>();
            c.get("covariances").forEach(m -> {
                double[][] a = new double[m.size()][m.size()];
                for (int i = 0; i < m.size(); i++) for (int j = 0; j < m.size(); j++) a[i][j] = m.get(i).get(j).asDouble();
                cov.add(a);
            });
            int p = c.get("estimate").size();
            double[] beta = new double[p];
            for (int j = 0; j < p; j++) beta[j] = c.get("estimate").get(j).asDouble();
            RobustCovariance rc = RobustCovariance.cr2(d, cov, c.get("sigma2").asDouble(), beta);
            assertEquals(c.get("cluster").asText(), rc.clusterFactor());
            for (int j = 0; j < p; j++) {
                double[] l = new double[p];
                l[j] = 1;
                ContrastTest t = rc.test(l);
                String what = id + " " + c.get("term").get(j).asText();
                double se = c.get("se").get(j).asDouble();
                double df = c.get("df").get(j).asDouble();
                double pv = c.get("p").get(j).asDouble();
                assertEquals(se, t.se(), 0.001 * se, what + " se");
                assertEquals(df, t.denDf(), 0.01 * df, what + " df");
                assertEquals(pv, t.p(), 0.03 * pv, what + " p");
            }
        }
    }

    @Test
    void crossedFactorsAreRefused() {
        ReferenceCases.Case c = ReferenceCases.load("penicillin_crossed_reml");
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> RobustCovariance.cr2(c.design(), c.covariances(), c.sigma2(), c.beta()));
        assertEquals(true, e.getMessage().contains("crossed"));
    }
}
