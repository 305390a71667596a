package org.multilevel.transform.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.Transform;
import org.multilevel.data.internal.CsvDataImporter;

class CenteringServiceTest {
    private static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();
    private static double[] ses;
    private static double[] cses;
    private static double[] meanses;
    private static int[] school;

    private final CenteringService service = new CenteringService();

    @BeforeAll
    static void readHsb() {
        Dataset hsb = new CsvDataImporter().read(SHARED.resolve("data/hsb.csv"), ImportOptions.defaults());
        ses = numeric(hsb, "ses");
        cses = numeric(hsb, "cses");
        meanses = numeric(hsb, "meanses");
        school = clusterIndex(numeric(hsb, "school"));
    }

    private static double[] numeric(Dataset d, String name) {
        return ((NumericColumn) d.column(name).orElseThrow()).values();
    }

    private static int[] clusterIndex(double[] ids) {
        Map<Double, Integer> index = new HashMap<>();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = index.computeIfAbsent(ids[i], k -> index.size());
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    @Test
    void withinClusterCenteringReproducesHsbCses() {
        double[] cwc = service.apply(Transform.WITHIN_CLUSTER, ses, school);
        for (int i = 0; i < ses.length; i++) assertEquals(cses[i], cwc[i], 1e-6, "row " + i);
    }

    @Test
    void clusterMeanPlusGrandMeanReproducesHsbMeanses() {
        // meanses in hsb.csv is the plain school mean of ses (checked: equal to 1e-14), not centered
        double[] cm = service.apply(Transform.CLUSTER_MEAN, ses, school);
        double grand = mean(ses);
        for (int i = 0; i < ses.length; i++) assertEquals(meanses[i], cm[i] + grand, 1e-6, "row " + i);
        assertEquals(0, mean(cm), 1e-12, "grand-mean centered over the rows");
    }

    @Test
    void withinPlusBetweenPartsGiveTheGrandMeanCenteredVariable() {
        double[] cwc = service.apply(Transform.WITHIN_CLUSTER, ses, school);
        double[] cm = service.apply(Transform.CLUSTER_MEAN, ses, school);
        double[] gmc = service.apply(Transform.GRAND_MEAN_CENTERED, ses, null);
        for (int i = 0; i < ses.length; i++) assertEquals(gmc[i], cwc[i] + cm[i], 1e-12);
        assertEquals(0, mean(gmc), 1e-14);
        assertEquals(ses[0] - mean(ses), gmc[0], 1e-14);
    }

    @Test
    void clusterMeanIsCenteredOverRowsNotOverClusters() {
        double[] x = {1, 1, 1, 5};
        int[] g = {0, 0, 0, 1};
        double[] cm = service.apply(Transform.CLUSTER_MEAN, x, g);
        // cluster means 1 and 5; mean over rows 2 (not 3, the mean of the two cluster means)
        assertArrayEquals(new double[] {-1, -1, -1, 3}, cm, 1e-15);
    }

    @Test
    void zScoreUsesTheSampleSdAsRScale() {
        // R: scale(1:4) = -1.1618950 -0.3872983 0.3872983 1.1618950
        double[] z = service.apply(Transform.Z_SCORE, new double[] {1, 2, 3, 4}, null);
        assertArrayEquals(new double[] {-1.1618950, -0.3872983, 0.3872983, 1.1618950}, z, 1e-7);
        double[] zs = service.apply(Transform.Z_SCORE, ses, null);
        double m = mean(zs);
        double ss = 0;
        for (double v : zs) ss += (v - m) * (v - m);
        assertEquals(0, m, 1e-12);
        assertEquals(1, ss / (zs.length - 1), 1e-12);
    }

    @Test
    void zScoreOfAConstantIsAnError() {
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> service.apply(Transform.Z_SCORE, new double[] {0.1, 0.1, 0.1}, null));
        assertTrue(e.getMessage().contains("no variance"), e.getMessage());
    }

    @Test
    void withinClusterZUsesClusterSampleSdAndZeroForDegenerateClusters() {
        double[] x = {1, 2, 3, 7, 0.3, 0.3, 0.3};
        int[] g = {0, 0, 0, 1, 2, 2, 2};
        double[] z = service.apply(Transform.WITHIN_CLUSTER_Z, x, g);
        assertArrayEquals(new double[] {-1, 0, 1, 0, 0, 0, 0}, z, 1e-15);

        double[] hz = service.apply(Transform.WITHIN_CLUSTER_Z, ses, school);
        double[] cwc = service.apply(Transform.WITHIN_CLUSTER, ses, school);
        // within each school the z values have mean 0 and sample variance 1 (or are all 0)
        int k = 0;
        for (int c : school) k = Math.max(k, c + 1);
        double[] sum = new double[k];
        double[] ss = new double[k];
        int[] n = new int[k];
        for (int i = 0; i < hz.length; i++) {
            sum[school[i]] += hz[i];
            ss[school[i]] += hz[i] * hz[i];
            n[school[i]]++;
            assertEquals(Math.signum(cwc[i]), Math.signum(hz[i]));
        }
        for (int j = 0; j < k; j++) {
            assertEquals(0, sum[j], 1e-10);
            assertEquals(1, ss[j] / (n[j] - 1), 1e-10);
        }
    }

    @Test
    void logAndItsErrors() {
        assertArrayEquals(new double[] {0, 1}, service.apply(Transform.LOG, new double[] {1, Math.E}, null), 1e-15);
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> service.apply(Transform.LOG, new double[] {2, 0, 3}, null));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("positive"), e.getMessage());
        assertThrows(MultilevelException.class, () -> service.apply(Transform.LOG, new double[] {-1}, null));
    }

    @Test
    void missingValuesAndMissingClustersAreRefused() {
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> service.apply(Transform.GRAND_MEAN_CENTERED, new double[] {1, Double.NaN}, null));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> service.apply(Transform.WITHIN_CLUSTER, new double[] {1}, null));
        assertThrows(IllegalArgumentException.class,
                () -> service.apply(Transform.CLUSTER_MEAN, new double[] {1, 2}, new int[] {0}));
    }

    @Test
    void inputIsNotModified() {
        double[] x = {3, 4, 5};
        service.apply(Transform.GRAND_MEAN_CENTERED, x, null);
        service.apply(Transform.WITHIN_CLUSTER, x, new int[] {0, 0, 1});
        assertArrayEquals(new double[] {3, 4, 5}, x);
    }
}
