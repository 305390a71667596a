package org.multilevel.api.results;

import java.util.List;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.report.ReportFormat;

/** Builds the structured results of an analysis and renders them. Stateless. */
public interface ResultsService {
    /** Model information, model fit, fixed effects, variance components, derived sections and plots. */
    Results results(AnalysisResult result);

    /** The models, the likelihood-ratio tests and the comparison's sections. */
    Results results(Comparison comparison);

    /** Stand-alone sections (per-cluster OLS and the like), as tables where their JSON is tabular. */
    Results results(String title, List<ResultSection> sections);

    /** Results as aligned text, as a JSON document of the tree, or as one self-contained HTML page. */
    String render(Results results, ReportFormat format);
}
