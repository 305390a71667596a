package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.descriptor.AnalysisDescriptor;
import org.multilevel.api.descriptor.HostAnalysisService;
import org.multilevel.api.descriptor.OptionException;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.Results;
import org.multilevel.api.results.ResultsService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * What a host sees through the service registry: one analysis descriptor per menu entry, and the host
 * analysis service that validates options given as JSON, runs the analysis and returns structured results.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HostServicesIT {
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return Runtime.options();
    }

    @Test
    public void everyAnalysisHasADescriptorInTheRegistry() throws Exception {
        Runtime.service(context, HostAnalysisService.class);
        Collection<ServiceReference<AnalysisDescriptor>> refs = context.getServiceReferences(AnalysisDescriptor.class, null);
        TreeSet<String> titles = new TreeSet<>();
        for (ServiceReference<AnalysisDescriptor> ref : refs) {
            AnalysisDescriptor d = context.getService(ref);
            titles.add(d.title());
            assertTrue(d.title() + " has options", !d.options().isEmpty());
            context.ungetService(ref);
        }
        assertTrue("descriptors: " + titles, titles.containsAll(List.of("Linear Mixed Model",
                "Generalized Linear Mixed Model", "Per-cluster OLS")));
    }

    @Test
    public void optionsJsonRunsTheAnalysisAgainstLme4() throws Exception {
        HostAnalysisService host = Runtime.service(context, HostAnalysisService.class);
        Dataset sleep = Runtime.read(context, "sleepstudy.csv");
        Results results = host.run("lmm", "{\"dependent\": \"Reaction\", \"fixed\": [\"Days\"], \"cluster\": \"Subject\","
                + " \"randomSlopes\": [\"Days\"]}", sleep);
        ResultTable fit = find(results.elements(), "modelFit");
        assertNotNull("a model fit table in " + results.title(), fit);
        JsonNode reference = new ObjectMapper().readTree(new File(Runtime.shared().toFile(), "reference/sleepstudy_reml.json"));
        assertEquals(reference.get("expected").get("logLik").asDouble(), (Double) fit.rows().get(0).get("logLik"), 0.002);
        ResultTable fixed = find(results.elements(), "fixedEffects");
        assertEquals(2, fixed.rows().size());
        String text = Runtime.service(context, ResultsService.class).render(results, ReportFormat.TEXT);
        assertTrue(text, text.contains("Days"));
    }

    @Test
    public void aWrongOptionIsNamed() throws Exception {
        HostAnalysisService host = Runtime.service(context, HostAnalysisService.class);
        Dataset sleep = Runtime.read(context, "sleepstudy.csv");
        try {
            host.validate("lmm", "{\"dependant\": \"Reaction\"}", sleep);
            throw new AssertionError("an unknown option was accepted");
        } catch (OptionException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("dependant") && e.getMessage().contains("dependent"));
        }
    }

    private static ResultTable find(List<ResultElement> elements, String name) {
        List<ResultElement> queue = new ArrayList<>(elements);
        while (!queue.isEmpty()) {
            ResultElement e = queue.remove(0);
            if (e instanceof ResultTable t && t.name().equals(name)) return t;
            if (e instanceof org.multilevel.api.results.ResultContainer c) queue.addAll(c.elements());
        }
        return null;
    }
}
