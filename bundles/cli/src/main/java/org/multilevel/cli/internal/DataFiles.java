package org.multilevel.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.multilevel.api.data.DataException;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;

/** Reads the data file of a command, or the bundled example (High School and Beyond). */
final class DataFiles {
    static final String EXAMPLE = "examples/hsb.csv";
    static final String EXAMPLE_FORMULA = "math ~ cses + meanses + sector + (1 + cses | school)";

    private final DataImporter importer;

    DataFiles(DataImporter importer) {
        this.importer = importer;
    }

    Dataset read(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DataException("Data file name " + file + " is not a valid path: " + e.getReason() + ".");
        }
        return importer.read(path, ImportOptions.defaults());
    }

    /** The example shipped inside this bundle, read through the same importer as any file. */
    Dataset example() {
        try (InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) throw new IllegalStateException("the bundled example " + EXAMPLE + " is missing");
            Path dir = Files.createTempDirectory("multilevel-example");
            Path file = dir.resolve("hsb.csv");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return importer.read(file, ImportOptions.defaults());
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled example", e);
        }
    }
}
