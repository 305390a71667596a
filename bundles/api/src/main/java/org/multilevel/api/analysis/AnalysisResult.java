package org.multilevel.api.analysis;

import java.util.List;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;

/** A fitted model with its derived sections, ready for a report. */
public record AnalysisResult(AnalysisRequest request, FittedModel model, List<ResultSection> sections) {
    public AnalysisResult {
        sections = List.copyOf(sections);
    }

    public FitResult fit() {
        return model.result();
    }
}
