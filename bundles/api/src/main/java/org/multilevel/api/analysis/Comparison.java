package org.multilevel.api.analysis;

import java.util.List;

/** Models fitted on the same rows, compared by likelihood-ratio tests and information criteria. */
public record Comparison(List<ModelSummary> models, List<LikelihoodRatioTest> tests, List<String> warnings,
                         List<ResultSection> sections) {
    public Comparison {
        models = List.copyOf(models);
        tests = List.copyOf(tests);
        warnings = List.copyOf(warnings);
        sections = List.copyOf(sections);
    }
}
