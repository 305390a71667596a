package org.multilevel.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.multilevel.api.data.DataException;
import org.multilevel.api.data.DataImporterChoice;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;

/**
 * Reads the data file of a command with the importer the registry has for it (by signature, then extension, else
 * delimited text), or the bundled example (High School and Beyond).
 */
final class DataFiles {
    static final String EXAMPLE = "examples/hsb.csv";
    static final String EXAMPLE_FORMULA = "math ~ cses + meanses + sector + (1 + cses | school)";

    private final DataImporterChoice importers;

    DataFiles(DataImporterChoice importers) {
        this.importers = importers;
    }

    Dataset read(String file) {
        return read(file, null);
    }

    /** @param sheet the worksheet of a workbook (--sheet), or null for the first */
    Dataset read(String file, String sheet) {
        Path path;
        try {
            path = Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DataException("Data file name " + file + " is not a valid path: " + e.getReason() + ".");
        }
        ImportOptions options = ImportOptions.defaults();
        if (sheet != null) options = options.with(ImportOptions.SHEET, sheet);
        return importers.forFile(path).read(path, options);
    }

    /** The example shipped inside this bundle, read through the same importer as any file. */
    Dataset example() {
        try (InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) throw new IllegalStateException("the bundled example " + EXAMPLE + " is missing");
            Path dir = Files.createTempDirectory("multilevel-example");
            Path file = dir.resolve("hsb.csv");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return importers.textImporter()
                        .orElseThrow(() -> new IllegalStateException("no delimited-text importer is registered"))
                        .read(file, ImportOptions.defaults());
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled example", e);
        }
    }
}
