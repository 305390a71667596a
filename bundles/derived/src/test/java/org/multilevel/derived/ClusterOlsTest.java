package org.multilevel.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.transform.internal.CenteringService;

class ClusterOlsTest {
    private static final Dataset DATA = new Dataset("toy", List.of(
            new NumericColumn("y", new double[] {1, 2, 3.5, 4, 10, 11, 5, 5.5, 7, 9, Double.NaN}),
            new NumericColumn("x", new double[] {1, 2, 3, 4, 1, 2, 3, 3, 3, 1, 2}),
            new CategoricalColumn("g", new int[] {1, 1, 1, 1, 2, 2, 0, 0, 0, 3, 3},
                    List.of("a", "b", "c", "d"))));

    @Test
    void smallAndDegenerateClustersAreListed() {
        DesignMatrices design = new FormulaModelFrameBuilder(new CenteringService()).build(DATA, ModelSpec.gaussian("y ~ x"));
        ResultSection s = ClusterOls.section(DATA, design, "g");
        @SuppressWarnings("unchecked")
        List<ClusterOls.ClusterFit> fits = (List<ClusterOls.ClusterFit>) ((Map<String, Object>) s.json()).get("clusters");
        assertEquals(List.of("a", "b", "c", "d"), fits.stream().map(ClusterOls.ClusterFit::cluster).toList());
        ClusterOls.ClusterFit a = fits.get(0); // x constant: the slope is aliased, the mean is fitted
        assertTrue(a.fitted(), a.note());
        assertNull(a.coefficients().get(1).estimate());
        assertEquals((5 + 5.5 + 7) / 3.0, a.coefficients().get(0).estimate(), 1e-12);
        assertTrue(a.note().contains("aliased: x"), a.note());
        ClusterOls.ClusterFit b = fits.get(1);
        assertTrue(b.fitted());
        assertEquals(4, b.n());
        ClusterOls.ClusterFit c = fits.get(2); // 2 rows, 2 coefficients
        assertFalse(c.fitted());
        assertTrue(c.note().startsWith("too small to fit"), c.note());
        ClusterOls.ClusterFit d = fits.get(3); // its second row has a missing y: 1 row left
        assertEquals(1, d.n());
        assertFalse(d.fitted());
        assertTrue(s.text().contains("too small to fit"), s.text());
        assertTrue(s.text().contains("2 clusters fitted; 2 too small to fit."), s.text());
    }

    @Test
    void unknownClusterColumn() {
        DesignMatrices design = new FormulaModelFrameBuilder(new CenteringService()).build(DATA, ModelSpec.gaussian("y ~ x"));
        MultilevelException e = assertThrows(MultilevelException.class, () -> ClusterOls.section(DATA, design, "school"));
        assertTrue(e.getMessage().contains("'school'"), e.getMessage());
    }
}
