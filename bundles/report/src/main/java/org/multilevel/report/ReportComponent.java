package org.multilevel.report;

import java.util.List;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.multilevel.api.results.Results;
import org.multilevel.api.results.ResultsService;
import org.multilevel.report.internal.HtmlReport;
import org.multilevel.report.internal.ResultsDocument;
import org.multilevel.report.internal.ResultsRenderer;
import org.multilevel.report.internal.StructuredResults;
import org.multilevel.report.internal.ResultsJson;
import org.multilevel.report.internal.TextReport;
import org.osgi.service.component.annotations.Component;

/**
 * The reporting service: lmerTest-like text, the results JSON of spec/results-json.md, and an HTML report;
 * and the structured results (tables, footnotes, plots) hosts render themselves.
 */
@Component(service = {ReportService.class, ResultsService.class})
public final class ReportComponent implements ReportService, ResultsService {
    @Override
    public String render(AnalysisResult result, ReportFormat format) {
        return switch (format) {
            case JSON -> ResultsJson.write(ResultsJson.fit(result));
            case TEXT -> TextReport.fit(result);
            case HTML -> HtmlReport.fit(result);
        };
    }

    @Override
    public String render(Comparison comparison, ReportFormat format) {
        return switch (format) {
            case JSON -> ResultsJson.write(ResultsJson.compare(comparison));
            case TEXT -> TextReport.compare(comparison);
            case HTML -> HtmlReport.compare(comparison);
        };
    }

    @Override
    public String render(List<ResultSection> sections, ReportFormat format) {
        return switch (format) {
            case JSON -> ResultsJson.write(ResultsJson.sections(sections));
            case TEXT -> TextReport.sections(sections);
            case HTML -> HtmlReport.sections(sections);
        };
    }

    @Override
    public Results results(AnalysisResult result) {
        return StructuredResults.of(result);
    }

    @Override
    public Results results(Comparison comparison) {
        return StructuredResults.of(comparison);
    }

    @Override
    public Results results(String title, List<ResultSection> sections) {
        return StructuredResults.of(title, sections);
    }

    @Override
    public String render(Results results, ReportFormat format) {
        return switch (format) {
            case JSON -> ResultsDocument.write(results);
            case TEXT -> ResultsRenderer.text(results);
            case HTML -> ResultsRenderer.html(results);
        };
    }
}
