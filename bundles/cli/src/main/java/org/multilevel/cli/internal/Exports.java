package org.multilevel.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.data.Dataset;
import org.multilevel.report.files.ResultFiles;

/** The CSV files of --save-data, --save-ranef and --save-residuals, streamed to their files. */
final class Exports {
    /** The output options of fit, in the order their files are written (the report first). */
    static final String[] FIT_OUTPUTS = {"out", "save-data", "save-ranef", "save-residuals"};

    private Exports() {
    }

    /** The content of each export the arguments ask for, by option. */
    static Map<String, AtomicOutputs.Content> of(Arguments a, Dataset data, AnalysisResult result) {
        Map<String, AtomicOutputs.Content> exports = new LinkedHashMap<>();
        if (a.has("save-data")) exports.put("save-data", w -> ResultFiles.writeModelData(data, result.model().design(), w));
        if (a.has("save-ranef")) exports.put("save-ranef", w -> ResultFiles.writeRanef(result.fit(), w));
        if (a.has("save-residuals")) exports.put("save-residuals", w -> ResultFiles.writeResiduals(result.model(), w));
        return exports;
    }
}
