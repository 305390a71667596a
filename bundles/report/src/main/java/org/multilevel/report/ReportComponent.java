package org.multilevel.report;

import java.util.List;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.multilevel.report.internal.HtmlReport;
import org.multilevel.report.internal.ResultsJson;
import org.multilevel.report.internal.TextReport;
import org.osgi.service.component.annotations.Component;

/** The reporting service: lmerTest-like text, the results JSON of spec/results-json.md, and an HTML report. */
@Component(service = ReportService.class)
public final class ReportComponent implements ReportService {
    @Override
    public String render(AnalysisResult result, ReportFormat format) {
        return switch (format) {
            case JSON -> ResultsJson.write(ResultsJson.fit(result.fit(), result.sections()));
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
}
