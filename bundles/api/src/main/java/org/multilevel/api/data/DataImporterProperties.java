package org.multilevel.api.data;

import java.util.Locale;

/**
 * Service properties a {@link DataImporter} registers with, so that a caller can choose the importer for a file
 * from the registry (see {@link DataFormat} for declaring them on a component).
 */
public final class DataImporterProperties {
    /** String+: the formats it reads, short lower-case names ("csv", "spss", "stata", "xlsx"). */
    public static final String FORMATS = "multilevel.formats";
    /** String+: the file-name extensions it reads, lower case without the dot ("sav", "dta"). */
    public static final String EXTENSIONS = "multilevel.extensions";
    /** The format of the importer that reads delimited text: the fallback for a file no other importer claims. */
    public static final String TEXT_FORMAT = "csv";

    private DataImporterProperties() {
    }

    /** The extension of a file name, lower case without the dot, or "" when it has none. */
    public static String extension(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        int dot = fileName.lastIndexOf('.');
        return dot > slash + 1 ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
