package org.multilevel.stata.internal;

import java.nio.file.Path;
import org.multilevel.api.data.DataFormat;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.importsupport.FileBytes;
import org.osgi.service.component.annotations.Component;

/** Reads Stata .dta files of Stata 13 and newer (see {@link DtaReader}). Stateless. */
@Component(service = DataImporter.class)
@DataFormat(formats = "stata", extensions = "dta")
public final class StataDataImporter implements DataImporter {
    @Override
    public Dataset read(Path file, ImportOptions options) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new DtaReader(file.toString(), FileBytes.read(file, "Stata data file"))
                .read(dot > 0 ? name.substring(0, dot) : name);
    }

    @Override
    public boolean reads(byte[] head, String fileName) {
        return DtaReader.hasSignature(head);
    }
}
