package org.multilevel.report.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.Link;
import org.multilevel.report.internal.Residuals;

/**
 * CSV files of a fit, as HLM's residual files hold them: the rows the model used ({@code --save-data}), the
 * conditional modes with their conditional SDs per cluster ({@code --save-ranef}) and the fitted values and
 * residuals per row ({@code --save-residuals}). Numbers at full precision, empty where missing; comma-separated
 * with a header line; text cells as {@link CsvCells#text} spells them (safe to open in a spreadsheet).
 *
 * <p>The {@code write...} methods stream line by line to the destination (a buffered file writer), so an export
 * of millions of rows needs no more memory than one line.
 */
public final class ResultFiles {
    private ResultFiles() {
    }

    /** group,level,term,mode,condSD - one line per level and random effect. */
    public static String ranefCsv(FitResult fit) {
        StringBuilder out = new StringBuilder();
        writeRanef(fit, out);
        return out.toString();
    }

    /** {@link #ranefCsv} written to {@code out}. */
    public static void writeRanef(FitResult fit, Appendable out) {
        StringBuilder line = new StringBuilder("group,level,term,mode,condSD\n");
        for (Map.Entry<String, RandomEffectModes> e : fit.ranef().entrySet()) {
            List<String> terms = e.getValue().terms();
            for (LevelModes level : e.getValue().levels()) {
                for (int k = 0; k < terms.size(); k++) {
                    line.append(CsvCells.text(e.getKey())).append(',').append(CsvCells.text(level.level())).append(',')
                            .append(CsvCells.text(terms.get(k))).append(',').append(CsvCells.number(level.values()[k]))
                            .append(',')
                            .append(CsvCells.number(level.condSD() == null ? Double.NaN : level.condSD()[k])).append('\n');
                    flush(line, out);
                }
            }
        }
        flush(line, out);
    }

    /**
     * row,observed,fitted,fixedFitted,residual,scaledResidual - one line per row the model used; {@code row} is
     * the 1-based data row, fitted values are on the response scale (with and without the conditional modes),
     * the scaled residual is (y - fitted) / sigma, or the Pearson residual for a GLMM.
     */
    public static String residualsCsv(FittedModel model) {
        StringBuilder out = new StringBuilder();
        writeResiduals(model, out);
        return out.toString();
    }

    /** {@link #residualsCsv} written to {@code out}. */
    public static void writeResiduals(FittedModel model, Appendable out) {
        DesignMatrices design = model.design();
        double[] fitted = Residuals.fittedResponse(model);
        double[] fixed = model.fixedPrediction();
        double[] scaled = Residuals.scaled(model);
        Link link = link(model.result());
        StringBuilder line = new StringBuilder("row,observed,fitted,fixedFitted,residual,scaledResidual\n");
        for (int i = 0; i < design.rows(); i++) {
            int row = design.dataRows() == null ? i : design.dataRows()[i];
            double y = design.y()[i];
            line.append(row + 1).append(',').append(CsvCells.number(y)).append(',').append(CsvCells.number(fitted[i]))
                    .append(',').append(CsvCells.number(Residuals.inverseLink(link, fixed[i]))).append(',')
                    .append(CsvCells.number(y - fitted[i])).append(',').append(CsvCells.number(scaled[i])).append('\n');
            flush(line, out);
        }
        flush(line, out);
    }

    /**
     * The rows the model used: {@code row} (1-based data row), the data set's columns, then the model's
     * fixed-effects columns as {@code model:NAME} (so centered and transformed variables are exported as the
     * model saw them), written to {@code out}.
     */
    public static void writeModelData(Dataset data, DesignMatrices design, Appendable out) {
        FixedDesign x = design.fixed();
        List<Column> columns = data.columns();
        StringBuilder line = new StringBuilder("row");
        for (Column c : columns) line.append(',').append(CsvCells.text(c.name()));
        for (String name : x.columnNames()) {
            if (!name.equals("(Intercept)")) line.append(',').append(CsvCells.text("model:" + name));
        }
        line.append('\n');
        int[] rows = design.dataRows();
        for (int i = 0; i < design.rows(); i++) {
            int r = rows == null ? i : rows[i];
            line.append(r + 1);
            for (Column c : columns) {
                line.append(',');
                if (c instanceof NumericColumn n) {
                    if (!n.isMissing(r)) line.append(CsvCells.number(n.values()[r]));
                } else if (c instanceof CategoricalColumn cat) {
                    String level = cat.levelOf(r);
                    if (level != null) line.append(CsvCells.text(level));
                }
            }
            for (int j = 0; j < x.columns(); j++) {
                if (!x.columnNames().get(j).equals("(Intercept)")) line.append(',').append(CsvCells.number(x.get(i, j)));
            }
            line.append('\n');
            flush(line, out);
        }
        flush(line, out);
    }

    /** Hands the line(s) built so far to the destination and empties the buffer. */
    private static void flush(StringBuilder line, Appendable out) {
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.setLength(0);
    }

    private static Link link(FitResult fit) {
        try {
            return fit.link() == null ? Link.IDENTITY : Link.parse(fit.link());
        } catch (IllegalArgumentException e) {
            return Link.IDENTITY;
        }
    }
}
