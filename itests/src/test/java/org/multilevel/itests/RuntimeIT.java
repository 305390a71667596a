package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.ModelFrameBuilder;
import org.multilevel.api.model.TransformService;
import org.multilevel.api.report.ReportService;
import org.multilevel.cli.CommandLine;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Every bundle of the distribution resolves and starts in Felix, and the DS services of the contract appear. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeIT {
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return Runtime.options();
    }

    @Test
    public void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && b.getState() != Bundle.ACTIVE && !isFragment(b)) {
                notActive.add(b.getSymbolicName() + " (state " + b.getState() + ")");
            }
        }
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
        for (String bsn : List.of("org.multilevel.api", "org.multilevel.ejml", "org.multilevel.data",
            "org.multilevel.transform", "org.multilevel.formula", "org.multilevel.inference", "org.multilevel.lmm",
            "org.multilevel.glmm", "org.multilevel.derived", "org.multilevel.analysis", "org.multilevel.charts",
            "org.multilevel.report",
            "org.multilevel.host", "org.multilevel.cli", "org.apache.felix.scr")) {
            assertEquals(bsn + " is not active", Bundle.ACTIVE, Runtime.installed(context, bsn).getState());
        }
    }

    @Test
    public void contractServicesAreRegistered() throws Exception {
        assertNotNull(Runtime.service(context, DataImporter.class));
        assertNotNull(Runtime.service(context, TransformService.class));
        assertNotNull(Runtime.service(context, ModelFrameBuilder.class));
        assertNotNull(Runtime.service(context, ReportService.class));
        assertNotNull(Runtime.service(context, AnalysisService.class));
        assertNotNull(Runtime.service(context, CommandLine.class));
        Runtime.awaitEstimator(context, "lmm-nested");
        Runtime.awaitEstimator(context, "lmm-general");
        Runtime.awaitEstimator(context, "glmm-laplace");
    }

    @Test
    public void importsTheSharedDataThroughTheService() throws Exception {
        Dataset sleep = Runtime.read(context, "sleepstudy.csv");
        assertEquals(180, sleep.rows());
        assertTrue(sleep.columnNames().containsAll(List.of("Reaction", "Days", "Subject")));
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders().get("Fragment-Host") != null;
    }
}
