package org.multilevel.analysis.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.fit.Estimator;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.glmm.internal.LaplaceEstimator;
import org.multilevel.lmm.GeneralLmmEstimator;
import org.multilevel.lmm.NestedLmmEstimator;
import org.multilevel.transform.internal.CenteringService;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real components of the other modules, wired as DS would wire them: each service with the properties
 * its bundle declares in its generated component description (OSGI-INF/*.xml on the test class path).
 */
final class Components {
    private Components() {
    }

    /** The analysis service with the frame builder and every estimator (and, optionally, contributors). */
    static AnalysisComponent analysis(boolean withContributors) {
        AnalysisComponent a = new AnalysisComponent(new FormulaModelFrameBuilder(new CenteringService()));
        register(a, new NestedLmmEstimator());
        register(a, new GeneralLmmEstimator());
        register(a, new LaplaceEstimator());
        if (withContributors) {
            for (String name : List.of("IccContributor", "DesignEffectContributor", "R2Contributor",
                    "ReliabilityContributor", "ContrastContributor", "NaiveOlsContributor")) {
                try {
                    Class<?> c = Class.forName("org.multilevel.derived.internal." + name);
                    a.addContributor((ResultContributor) c.getConstructor().newInstance(), properties(c));
                } catch (ClassNotFoundException notThere) {
                    // a contributor this build of the derived bundle does not have
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return a;
    }

    static void register(AnalysisComponent a, Estimator e) {
        a.addEstimator(e, properties(e.getClass()));
    }

    /** The service properties of a component class, from its generated component description. */
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
                String type = p.getAttribute("type");
                List<Object> values = new ArrayList<>();
                if (p.hasAttribute("value")) {
                    values.add(convert(type, p.getAttribute("value")));
                } else {
                    for (String line : p.getTextContent().split("\\R")) {
                        if (!line.isBlank()) values.add(convert(type, line.trim()));
                    }
                }
                props.put(p.getAttribute("name"), values.size() == 1 && p.hasAttribute("value") ? values.get(0)
                        : values.stream().map(String::valueOf).toArray(String[]::new));
            }
            return props;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static Object convert(String type, String value) {
        return "Integer".equals(type) ? (Object) Integer.valueOf(value) : value;
    }
}
