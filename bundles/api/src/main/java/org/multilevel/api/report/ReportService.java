package org.multilevel.api.report;

import java.util.List;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.ResultSection;

/** Renders results for people (text, HTML) and for hosts (the results JSON). Stateless. */
public interface ReportService {
    String render(AnalysisResult result, ReportFormat format);

    String render(Comparison comparison, ReportFormat format);

    /** Stand-alone sections (per-cluster OLS and the like). */
    String render(List<ResultSection> sections, ReportFormat format);
}
