package org.multilevel.formula;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.data.internal.CsvDataImporter;

/** The shared reference data read by the data bundle's importer, and small hand-made data sets. */
final class TestData {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();

    private TestData() {
    }

    static Dataset read(String file) {
        return new CsvDataImporter().read(SHARED.resolve("data").resolve(file), ImportOptions.defaults());
    }

    static Dataset of(String name, Column... columns) {
        return new Dataset(name, List.of(columns));
    }

    static CategoricalColumn categorical(String name, String... values) {
        TreeSet<String> levels = new TreeSet<>();
        for (String v : values) {
            if (v != null) levels.add(v);
        }
        List<String> sorted = new ArrayList<>(levels);
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) codes[i] = values[i] == null ? -1 : sorted.indexOf(values[i]);
        return new CategoricalColumn(name, codes, sorted);
    }
}
