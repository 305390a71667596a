package org.multilevel.derived;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.derived.internal.Fmt;
import org.multilevel.derived.internal.TextTable;

/**
 * Ordinary least squares in every cluster: the fixed part of a model frame (its X and y, rows as the frame
 * kept them) fitted separately on the rows of each level of a cluster column. Clusters in the order of their
 * levels (numerically for a numeric cluster column, as R's {@code split} orders them). A cluster with no more
 * rows than coefficients cannot be fitted and is listed as such.
 */
public final class ClusterOls {
    private ClusterOls() {
    }

    /**
     * One cluster's fit.
     *
     * @param cluster the cluster's level
     * @param fitted  false when the cluster is too small to fit (then {@code note} says why and the rest is null)
     * @param fdf     numerator and denominator df of F
     */
    public record ClusterFit(String cluster, int n, boolean fitted, String note, List<OlsCoefficient> coefficients,
                             Double sigma, Double r2, Double adjR2, Double f, int[] fdf, Double fP) {
        public ClusterFit {
            coefficients = coefficients == null ? List.of() : List.copyOf(coefficients);
        }
    }

    /** The section under key {@code olsByCluster}: {@code {"cluster": name, "formula": ..., "clusters": [...]}}. */
    public static ResultSection section(Dataset data, DesignMatrices design, String cluster) {
        List<ClusterFit> fits = fit(data, design, cluster);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cluster", cluster);
        json.put("formula", design.spec().formula());
        json.put("terms", design.fixed().columnNames());
        long fitted = fits.stream().filter(ClusterFit::fitted).count();
        json.put("fittedClusters", fitted);
        json.put("tooSmall", fits.size() - fitted);
        int inClusters = fits.stream().mapToInt(ClusterFit::n).sum();
        json.put("rowsWithoutCluster", design.rows() - inClusters);
        json.put("clusters", fits);
        String text = text(fits, design);
        if (design.rows() > inClusters) {
            text += (design.rows() - inClusters) + " rows with a missing " + cluster + " were left out.\n";
        }
        return new ResultSection("olsByCluster", "OLS by cluster (" + cluster + ")", json, text);
    }

    /** Fits every cluster. */
    public static List<ClusterFit> fit(Dataset data, DesignMatrices design, String cluster) {
        Column column = data.column(cluster).orElseThrow(() -> new MultilevelException(
                "There is no column '" + cluster + "' to define the clusters; columns are " + data.columnNames() + "."));
        int n = design.rows();
        int p = design.fixed().columns();
        int[] rows = design.dataRows();
        // cluster of each model row, as a key that sorts as R's factor levels would
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        Map<String, Double> numericKey = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            if (column.isMissing(row)) continue;
            String level;
            if (column instanceof NumericColumn num) {
                level = Fmt.level(num.values()[row]);
                numericKey.putIfAbsent(level, num.values()[row]);
            } else {
                level = ((CategoricalColumn) column).levelOf(row);
            }
            members.computeIfAbsent(level, k -> new ArrayList<>()).add(i);
        }
        List<String> levels = new ArrayList<>(members.keySet());
        if (column instanceof NumericColumn) {
            levels.sort(Comparator.comparingDouble(numericKey::get));
        } else {
            List<String> order = ((CategoricalColumn) column).levels();
            levels.sort(Comparator.comparingInt(order::indexOf));
        }
        double[] x = design.fixed().values();
        double[] y = design.y();
        List<String> names = design.fixed().columnNames();
        List<ClusterFit> fits = new ArrayList<>(levels.size());
        for (String level : levels) {
            List<Integer> idx = members.get(level);
            int m = idx.size();
            if (m <= p) {
                fits.add(tooSmall(level, m, m + " row" + (m == 1 ? "" : "s") + " for " + p + " coefficient"
                        + (p == 1 ? "" : "s")));
                continue;
            }
            double[] xc = new double[m * p];
            double[] yc = new double[m];
            for (int a = 0; a < m; a++) {
                int i = idx.get(a);
                System.arraycopy(x, i * p, xc, a * p, p);
                yc[a] = y[i];
            }
            try {
                OlsFit f = OlsFit.fit(xc, m, p, yc, names);
                int[] fdf = f.fNumDf() == null ? null : new int[] {f.fNumDf(), f.fDenDf()};
                String note = f.rank() < p ? "aliased: " + aliased(f) : null;
                fits.add(new ClusterFit(level, m, true, note, f.coefficients(), f.sigma(), f.r2(), f.adjR2(), f.f(),
                        fdf, f.fP()));
            } catch (MultilevelException e) {
                fits.add(tooSmall(level, m, e.getMessage()));
            }
        }
        return fits;
    }

    private static String aliased(OlsFit f) {
        List<String> terms = new ArrayList<>();
        for (OlsCoefficient c : f.coefficients()) {
            if (c.estimate() == null) terms.add(c.term());
        }
        return String.join(", ", terms);
    }

    private static ClusterFit tooSmall(String level, int n, String why) {
        return new ClusterFit(level, n, false, "too small to fit: " + why, null, null, null, null, null, null, null);
    }

    private static String text(List<ClusterFit> fits, DesignMatrices design) {
        List<String> names = design.fixed().columnNames();
        List<String> header = new ArrayList<>(List.of("cluster", "n"));
        for (String name : names) {
            header.add(name);
            header.add("SE");
        }
        header.addAll(List.of("sigma", "R2", "adj.R2", "F", "df", "p(F)"));
        TextTable table = new TextTable(header);
        for (ClusterFit fit : fits) {
            List<String> row = new ArrayList<>(List.of(fit.cluster(), Integer.toString(fit.n())));
            if (!fit.fitted()) {
                row.add(fit.note());
                table.addRow(row);
                continue;
            }
            for (OlsCoefficient c : fit.coefficients()) {
                row.add(Fmt.num(c.estimate()));
                row.add(Fmt.num(c.se()));
            }
            row.add(Fmt.num(fit.sigma()));
            row.add(Fmt.num(fit.r2()));
            row.add(Fmt.num(fit.adjR2()));
            row.add(Fmt.num(fit.f()));
            row.add(fit.fdf() == null ? "" : fit.fdf()[0] + "," + fit.fdf()[1]);
            row.add(Fmt.p(fit.fP()));
            table.addRow(row);
        }
        long small = fits.stream().filter(f -> !f.fitted()).count();
        String footer = String.format(Locale.ROOT, "%d cluster%s fitted; %d too small to fit.%n",
                fits.size() - small, fits.size() - small == 1 ? "" : "s", small);
        return table.render() + footer;
    }
}
