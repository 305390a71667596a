package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.derived.ClusterOls.ClusterFit;
import org.multilevel.derived.OlsCoefficient;

/** olsByCluster through the analysis service against R's per-school fits (hsb_derived.json). */
class PerClusterOlsTest {
    @Test
    void schoolFitsMatchR() throws Exception {
        Dataset hsb = AnalysisServiceTest.read("hsb.csv");
        List<ResultSection> sections = Components.analysis(false).olsByCluster(hsb, ModelSpec.gaussian("math ~ cses"),
                "school");
        assertEquals("olsByCluster", sections.get(0).key());
        @SuppressWarnings("unchecked")
        List<ClusterFit> fits = (List<ClusterFit>) ((Map<String, Object>) sections.get(0).json()).get("clusters");
        assertEquals(160, fits.size());
        String ref = Files.readString(ChiBarSquareTest.SHARED.resolve("reference/derived/hsb_derived.json"));
        String block = ref.substring(ref.indexOf("\"ols_by_school\""));
        for (String school : List.of("1224", "1288", "8367")) {
            String r = block.substring(block.indexOf("\"school\": \"" + school + "\""));
            ClusterFit fit = fits.stream().filter(f -> f.cluster().equals(school)).findFirst().orElseThrow();
            assertEquals((int) ChiBarSquareTest.number(r, "n"), fit.n());
            OlsCoefficient slope = fit.coefficients().get(1);
            String rs = r.substring(r.indexOf("\"term\": \"cses\""));
            assertEquals(ChiBarSquareTest.number(rs, "estimate"), slope.estimate(), 1e-6);
            assertEquals(ChiBarSquareTest.number(rs, "se"), slope.se(), 1e-6);
            assertEquals(ChiBarSquareTest.number(r, "r2"), fit.r2(), 1e-6);
        }
    }

    @Test
    void anUnknownClusterColumnIsNamedWithTheClosest() {
        Dataset hsb = AnalysisServiceTest.read("hsb.csv");
        MultilevelException e = assertThrows(MultilevelException.class, () -> Components.analysis(false)
                .olsByCluster(hsb, ModelSpec.gaussian("math ~ cses"), "shcool"));
        assertTrue(e.getMessage().contains("'shcool'") && e.getMessage().contains("did you mean school?"), e.getMessage());
    }
}
