package org.multilevel.api.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses, among the registered importers, the one for a file: the first whose {@link DataImporter#reads}
 * recognises the file's first bytes, else the first that lists the file's extension, else the delimited-text
 * importer (format {@value DataImporterProperties#TEXT_FORMAT}, or one that declares no format). The command line
 * and the hosts use it with the importers of the service registry. Immutable; safe to share.
 */
public final class DataImporterChoice {
    /** One importer service with its registration properties. */
    public record Registered(DataImporter importer, Map<String, ?> properties) {
        public Registered {
            properties = Map.copyOf(properties);
        }

        public List<String> formats() {
            return strings(properties.get(DataImporterProperties.FORMATS));
        }

        public List<String> extensions() {
            return strings(properties.get(DataImporterProperties.EXTENSIONS));
        }
    }

    private final List<Registered> importers;

    public DataImporterChoice(Collection<Registered> importers) {
        this.importers = List.copyOf(importers);
    }

    /**
     * The importer for {@code file}.
     *
     * @throws DataException when no importer is registered that could read it
     */
    public DataImporter forFile(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] head = head(file);
        if (head.length > 0) {
            for (Registered r : importers) {
                if (r.importer().reads(head, name)) return r.importer();
            }
        }
        String extension = DataImporterProperties.extension(name);
        if (!extension.isEmpty()) {
            for (Registered r : importers) {
                if (r.extensions().contains(extension)) return r.importer();
            }
        }
        return textImporter().orElseThrow(() -> new DataException("No data importer is installed that reads "
                + file + (extension.isEmpty() ? "" : " (." + extension + ")") + "."));
    }

    /** The delimited-text importer, when one is registered. */
    public Optional<DataImporter> textImporter() {
        for (Registered r : importers) {
            if (r.formats().contains(DataImporterProperties.TEXT_FORMAT)) return Optional.of(r.importer());
        }
        for (Registered r : importers) {
            if (r.formats().isEmpty()) return Optional.of(r.importer());
        }
        return Optional.empty();
    }

    /** The first bytes of the file; none when it cannot be read (the importer then reports why). */
    private static byte[] head(Path file) {
        if (!Files.isRegularFile(file)) return new byte[0];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(DataImporter.HEAD_BYTES);
        } catch (IOException | SecurityException e) {
            return new byte[0];
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof String s) return List.of(s);
        if (value instanceof String[] a) return Arrays.asList(a);
        if (value instanceof Collection<?> c) return c.stream().map(String::valueOf).toList();
        return List.of();
    }
}
