package org.multilevel.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.DataImporterChoice;
import org.multilevel.api.data.DataImporterProperties;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * In Felix, each file format is its own importer service with the properties a host chooses by, and a host that
 * asks the registry reads SPSS, Stata and Excel files (written by R, in the importer bundles' test resources).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImportServicesIT {
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return Runtime.options();
    }

    private static Path resource(String bundle, String name) {
        return Path.of(System.getProperty("multilevel.bundles.dir", System.getProperty("user.dir") + "/../bundles"))
            .resolve(bundle).resolve("src/test/resources").resolve(name).toAbsolutePath().normalize();
    }

    private DataImporterChoice registry() throws Exception {
        Runtime.textImporter(context); // waits until the importers are up
        List<DataImporterChoice.Registered> importers = new ArrayList<>();
        for (ServiceReference<DataImporter> ref : context.getServiceReferences(DataImporter.class, null)) {
            Map<String, Object> properties = new HashMap<>();
            for (String key : ref.getPropertyKeys()) properties.put(key, ref.getProperty(key));
            importers.add(new DataImporterChoice.Registered(context.getService(ref), properties));
        }
        return new DataImporterChoice(importers);
    }

    @Test
    public void eachFormatIsAnImporterServiceWithItsFormatsAndExtensions() throws Exception {
        Runtime.textImporter(context);
        Map<String, List<String>> extensions = new HashMap<>();
        for (ServiceReference<DataImporter> ref : context.getServiceReferences(DataImporter.class,
            "(" + DataImporterProperties.FORMATS + "=*)")) {
            String[] formats = (String[]) ref.getProperty(DataImporterProperties.FORMATS);
            String[] ext = (String[]) ref.getProperty(DataImporterProperties.EXTENSIONS);
            extensions.put(formats[0], List.of(ext));
        }
        assertEquals(List.of("sav", "zsav"), extensions.get("spss"));
        assertEquals(List.of("dta"), extensions.get("stata"));
        assertTrue(extensions.get("xlsx").contains("xlsx"));
    }

    @Test
    public void theRegistryReadsEachFormatAsTheCsvFile() throws Exception {
        DataImporterChoice registry = registry();
        Dataset csv = Runtime.read(context, "hsb.csv");
        for (Path file : List.of(resource("spss", "hsb.sav"), resource("stata", "hsb.dta"),
            resource("excel", "hsb.xlsx"))) {
            Dataset d = registry.forFile(file).read(file, ImportOptions.defaults());
            assertEquals(file.toString(), csv.columnNames(), d.columnNames());
            double[] expected = ((NumericColumn) csv.column("math").orElseThrow()).values();
            assertArrayEquals(file.toString(), expected, ((NumericColumn) d.column("math").orElseThrow()).values(),
                1e-12);
        }
        Path labels = resource("spss", "labels.sav");
        CategoricalColumn region = (CategoricalColumn) registry.forFile(labels).read(labels, ImportOptions.defaults())
            .column("region").orElseThrow();
        assertEquals(List.of("Zentrum", "Süd", "Ärger Nord"), region.levels());
        assertEquals("Region", region.title());
    }
}
