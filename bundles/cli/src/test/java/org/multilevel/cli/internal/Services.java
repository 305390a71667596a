package org.multilevel.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.multilevel.analysis.internal.AnalysisComponent;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.DataImporterChoice;
import org.multilevel.api.fit.Estimator;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.glmm.internal.LaplaceEstimator;
import org.multilevel.lmm.GeneralLmmEstimator;
import org.multilevel.lmm.NestedLmmEstimator;
import org.multilevel.report.ReportComponent;
import org.multilevel.transform.internal.CenteringService;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The command line wired to the real components of every module, each service with the properties of its
 * generated component description, as DS wires them in the distribution.
 */
final class Services {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared");
    static final Path DATA = SHARED.resolve("data");

    /** The data importers of the distribution, text last as the registry's fallback. */
    static final List<String> IMPORTERS = List.of("org.multilevel.spss.internal.SpssDataImporter",
            "org.multilevel.stata.internal.StataDataImporter", "org.multilevel.excel.internal.ExcelDataImporter",
            CsvDataImporter.class.getName());

    private static CommandLineComponent commandLine;

    private Services() {
    }

    static synchronized CommandLineComponent commandLine() {
        if (commandLine == null) {
            AnalysisComponent analysis = new AnalysisComponent(new FormulaModelFrameBuilder(new CenteringService()));
            for (Estimator e : List.of(new NestedLmmEstimator(), new GeneralLmmEstimator(), new LaplaceEstimator())) {
                analysis.addEstimator(e, properties(e.getClass()));
            }
            for (String name : List.of("derived.internal.IccContributor", "derived.internal.DesignEffectContributor",
                    "derived.internal.R2Contributor", "derived.internal.ReliabilityContributor",
                    "derived.internal.ContrastContributor", "derived.internal.NaiveOlsContributor",
                    "inference.internal.AnovaContributor", "inference.internal.RobustContributor",
                    "inference.internal.VarianceChiSquareContributor", "inference.internal.BootstrapContributor",
                    "lmm.VarianceTestContributor", "lmm.ProfileIntervalContributor")) {
                try {
                    Class<?> c = Class.forName("org.multilevel." + name);
                    analysis.addContributor((ResultContributor) c.getConstructor().newInstance(), properties(c));
                } catch (ClassNotFoundException notInThisBuild) {
                    // the derived bundle of this build does not have it
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            List<DataImporterChoice.Registered> importers = new ArrayList<>();
            for (String name : IMPORTERS) {
                try {
                    Class<?> c = Class.forName(name);
                    importers.add(new DataImporterChoice.Registered(
                            (DataImporter) c.getConstructor().newInstance(), properties(c)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            commandLine = new CommandLineComponent(new DataImporterChoice(importers), analysis, new ReportComponent());
        }
        return commandLine;
    }

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        /** The error stream's lines. */
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = commandLine().run(args, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String data(String file) {
        return DATA.resolve(file).toString();
    }

    static Map<String, Object> properties(Class<?> component) {
        String resource = "OSGI-INF/" + component.getName() + ".xml";
        try (InputStream in = component.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the class path");
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("component.name", root.getAttribute("name"));
            NodeList list = root.getElementsByTagName("property");
            for (int i = 0; i < list.getLength(); i++) {
                Element p = (Element) list.item(i);
                boolean integer = "Integer".equals(p.getAttribute("type"));
                if (p.hasAttribute("value")) {
                    String v = p.getAttribute("value");
                    props.put(p.getAttribute("name"), integer ? (Object) Integer.valueOf(v) : v);
                } else {
                    List<String> values = new ArrayList<>();
                    for (String line : p.getTextContent().split("\\R")) if (!line.isBlank()) values.add(line.trim());
                    props.put(p.getAttribute("name"), values.toArray(String[]::new));
                }
            }
            return props;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
