package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.multilevel.report.internal.Plots;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    private static final String POINT_FILL = "fill:rgb(31,95,168)";
    private static final String CLUSTER_STROKE = "stroke:rgb(91,141,201)";

    private static int strokes(Element figure, String stroke) {
        int count = 0;
        NodeList all = figure.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (((Element) all.item(i)).getAttribute("style").replace(" ", "").contains(stroke)) count++;
        }
        return count;
    }
    private final ReportService reports = new ReportComponent();

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Node root, String name) {
        List<Element> out = new ArrayList<>();
        NodeList list = root instanceof Document d ? d.getElementsByTagName(name) : ((Element) root).getElementsByTagName(name);
        for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
        return out;
    }

    /** Nothing in the page is fetched from elsewhere: no scripts, links, images, frames, fonts or addresses. */
    static void assertSelfContained(Document doc, String html) {
        for (String tag : List.of("script", "link", "img", "iframe", "object", "embed", "image", "use", "base")) {
            assertEquals(0, elements(doc, tag).size(), "element <" + tag + "> in the report");
        }
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Node attr = attributes.item(a);
                String name = attr.getNodeName().toLowerCase();
                if (name.equals("href") || name.equals("src") || name.endsWith(":href")) {
                    assertTrue(attr.getNodeValue().startsWith("#"), "external reference " + name + "=" + attr.getNodeValue());
                }
                if (attr.getNodeValue().contains("url(")) {
                    assertTrue(attr.getNodeValue().replaceAll("url\\(#[^)]*\\)", "").indexOf("url(") < 0, attr.getNodeValue());
                }
            }
        }
        String lower = html.toLowerCase();
        assertFalse(lower.contains("http:") || lower.contains("https:") || lower.contains("@import")
                || lower.contains("@font-face") || lower.contains("//"), "an address in the report");
    }

    private static Map<String, Element> figures(Document doc) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (Element figure : elements(doc, "figure")) {
            String title = elements(figure, "b").get(0).getTextContent();
            out.put(title.substring(0, title.length() - 1), figure);
        }
        return out;
    }

    /** Data marks of one plot: the elements filled with the points' colour. */
    private static int marks(Element figure) {
        int count = 0;
        NodeList all = figure.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String style = ((Element) all.item(i)).getAttribute("style").replace(" ", "");
            if (style.contains(POINT_FILL)) count++;
        }
        return count;
    }

    @Test
    void linearModelReportIsWellFormedSelfContainedWithTablesAndPlots() throws Exception {
        TestModel model = Fixtures.sleepstudy();
        FitResult fit = model.result();
        String html = reports.render(Fixtures.analysis(model, List.of(new ResultSection("icc", "Intraclass correlation",
                0.48, "ICC <0.48> & more"))), ReportFormat.HTML);
        Document doc = parse(html);
        assertSelfContained(doc, html);
        assertTrue(elements(doc, "style").get(0).getTextContent().contains("table"), "inline CSS");

        Element fixedSection = elements(doc, "section").stream()
                .filter(s -> elements(s, "h2").get(0).getTextContent().equals("Fixed effects")).findFirst().orElseThrow();
        List<Element> rows = elements(elements(elements(fixedSection, "table").get(0), "tbody").get(0), "tr");
        assertEquals(fit.fixed().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Element> cells = elements(rows.get(i), "td");
            assertEquals(fit.fixed().get(i).term(), cells.get(0).getTextContent());
            assertEquals(fit.fixed().get(i).estimate(), Double.parseDouble(cells.get(1).getTextContent()), 0.0005);
            assertEquals(fit.fixed().get(i).lower(), Double.parseDouble(cells.get(6).getTextContent()), 0.0005);
            assertEquals(fit.fixed().get(i).upper(), Double.parseDouble(cells.get(7).getTextContent()), 0.0005);
        }
        assertTrue(html.contains("<td class=\"txt\">Groups: Subject</td><td class=\"txt\">18 (cluster sizes 10 to 10, mean 10)</td>"),
                "cluster sizes in the model information");
        assertTrue(html.contains("ICC &lt;0.48&gt; &amp; more"), "section text escaped");

        Map<String, Element> figures = figures(doc);
        assertEquals(2 + 1 + 1 + 1 + 2, figures.size(), figures.keySet().toString());
        assertEquals(figures.size(), elements(doc, "svg").size());
        assertEquals(18, marks(figures.get("Caterpillar plot: (Intercept) | Subject")));
        assertEquals(18, marks(figures.get("Caterpillar plot: Days | Subject")));
        assertEquals(180, marks(figures.get("Residuals against fitted values")));
        assertEquals(180, marks(figures.get("Normal Q-Q plot of the level-1 residuals")));
        assertEquals(18, marks(figures.get("Normal Q-Q plot of the random effect Days | Subject")));
        assertEquals(18, strokes(figures.get("Fitted lines per Subject against Days"), CLUSTER_STROKE),
                "one fitted line per subject");
        // every plot keeps its definitions' ids to itself
        List<String> ids = new ArrayList<>();
        for (Element e : elements(doc, "clipPath")) ids.add(e.getAttribute("id"));
        assertEquals(ids.size(), ids.stream().distinct().count());
    }

    @Test
    void caterpillarShowsEveryLevelSortedWithItsInterval() throws Exception {
        RandomEffectModes modes = Fixtures.cbpp().result().ranef().get("herd");
        Plots.Plot plot = Plots.caterpillar("herd", modes, 0, "t");
        assertEquals(15, plot.marks());
        Document svg = parse(plot.svg());
        // the level names label the axis in the order of the sorted modes
        List<String> labels = new ArrayList<>();
        for (Element t : elements(svg, "text")) labels.add(t.getTextContent());
        List<String> sorted = modes.levels().stream().sorted((a, b) -> Double.compare(a.values()[0], b.values()[0]))
                .map(l -> l.level()).toList();
        int first = labels.indexOf(sorted.get(0));
        int last = labels.indexOf(sorted.get(sorted.size() - 1));
        assertTrue(first >= 0 && last > first, labels.toString());
        int points = 0;
        for (Element e : elements(svg, "*")) if (e.getAttribute("style").replace(" ", "").contains(POINT_FILL)) points++;
        assertEquals(15, points);
    }

    @Test
    void fittedLinesFollowTheChosenPredictorAndAreLeftOutWithoutOne() throws Exception {
        TestModel model = Fixtures.sleepstudy();
        var request = new org.multilevel.api.analysis.AnalysisRequest(model.design().spec(),
                org.multilevel.api.fit.FitOptions.of(org.multilevel.api.fit.Method.REML,
                        org.multilevel.api.fit.DdfMethod.SATTERTHWAITE), List.of(), Map.of("plot-predictor", "Days"));
        String html = reports.render(new org.multilevel.api.analysis.AnalysisResult(request, model, List.of()), ReportFormat.HTML);
        Element figure = figures(parse(html)).get("Fitted lines per Subject against Days");
        assertEquals(18, strokes(figure, CLUSTER_STROKE));
        // a binomial model whose only predictor is a factor has no level-1 predictor to draw against
        String glmm = reports.render(Fixtures.analysis(Fixtures.cbpp(), List.of()), ReportFormat.HTML);
        assertTrue(figures(parse(glmm)).keySet().stream().noneMatch(t -> t.startsWith("Fitted lines")));
    }

    @Test
    void plotsAreAlsoPngImages() throws Exception {
        for (Plots.Plot plot : Plots.all(Fixtures.cbpp(), null)) {
            byte[] png = plot.png();
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertEquals(2 * plot.width(), image.getWidth(), plot.title());
            assertEquals(2 * plot.height(), image.getHeight(), plot.title());
            if (System.getProperty("plots.dir") != null) {
                java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("plots.dir"), plot.id() + ".png"), png);
            }
        }
    }

    @Test
    void largeDataIsSampledAndSaysSo() throws Exception {
        double[] values = new Random(7).doubles(10_000).toArray();
        Plots.Plot qq = Plots.normalQQ(values, "Q-Q", "values", "q");
        assertEquals(Plots.MAX_POINTS, qq.marks());
        assertTrue(qq.caption().contains("sample of " + Plots.MAX_POINTS + " of the 10000"), qq.caption());
        int points = 0;
        for (Element e : elements(parse(qq.svg()), "*")) if (e.getAttribute("style").replace(" ", "").contains(POINT_FILL)) points++;
        assertEquals(Plots.MAX_POINTS, points);
    }

    @Test
    void generalizedModelReportHasOddsRatiosAndParses() throws Exception {
        TestModel model = Fixtures.cbpp();
        String html = reports.render(Fixtures.analysis(model, List.of()), ReportFormat.HTML);
        Document doc = parse(html);
        assertSelfContained(doc, html);
        boolean odds = elements(doc, "caption").stream().anyMatch(c -> c.getTextContent().startsWith("Odds ratios"));
        assertTrue(odds);
        Map<String, Element> figures = figures(doc);
        assertEquals(15, marks(figures.get("Caterpillar plot: (Intercept) | herd")));
        assertEquals(56, marks(figures.get("Residuals against fitted values")));
    }

    @Test
    void comparisonAndSectionReportsParse() throws Exception {
        String html = reports.render(JsonReportTest.hsbRandomSlopeComparison(), ReportFormat.HTML);
        Document doc = parse(html);
        assertSelfContained(doc, html);
        List<Element> rows = elements(elements(doc, "tbody").get(0), "tr");
        assertEquals(2, rows.size());
        assertTrue(html.contains("Pr(mixture)"));
        String sections = reports.render(List.of(new ResultSection("ols", "OLS by cluster", List.of(), "a b\n")), ReportFormat.HTML);
        assertSelfContained(parse(sections), sections);
        assertTrue(sections.contains("<td class=\"txt\">a b</td>"), "a non-tabular section as its text");
        // a tabular section as an HTML table with one row per record
        String ols = reports.render(List.of(new ResultSection("olsByCluster", "OLS by cluster",
                List.of(java.util.Map.of("cluster", "a", "n", 12), java.util.Map.of("cluster", "b", "n", 7)), "text")),
                ReportFormat.HTML);
        Document olsDoc = parse(ols);
        assertSelfContained(olsDoc, ols);
        assertEquals(2, elements(elements(olsDoc, "tbody").get(0), "tr").size());
    }
}
