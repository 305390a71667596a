package org.multilevel.api.data;

import java.nio.file.Path;

/**
 * Reads a data file into a {@link Dataset}. Implementations are stateless and safe to share. Each file format is
 * its own importer service, registered with the properties of {@link DataImporterProperties} (declare them with
 * {@link DataFormat}); a caller picks the importer whose {@link #reads} recognises the file's first bytes, else
 * the one that lists the file's extension, else the delimited-text importer.
 */
public interface DataImporter {
    /** How many leading bytes of a file callers pass to {@link #reads}. */
    int HEAD_BYTES = 512;

    /**
     * @throws DataException naming the file, and the row and column where it applies, for anything
     *                       that cannot be read
     */
    Dataset read(Path file, ImportOptions options);

    /**
     * Whether this importer recognises the file by its signature (its first bytes, up to {@link #HEAD_BYTES};
     * fewer when the file is shorter). The file name is given for formats that share a signature (a zip archive
     * is an .xlsx or something else). The default claims nothing: the importer is then chosen by extension only.
     */
    default boolean reads(byte[] head, String fileName) {
        return false;
    }
}
