package org.multilevel.api.data;

import java.nio.file.Path;

/** Reads a data file into a {@link Dataset}. Implementations are stateless and safe to share. */
public interface DataImporter {
    /**
     * @throws DataException naming the file, and the row and column where it applies, for anything
     *                       that cannot be read
     */
    Dataset read(Path file, ImportOptions options);
}
