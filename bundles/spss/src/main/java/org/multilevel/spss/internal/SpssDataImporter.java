package org.multilevel.spss.internal;

import java.nio.file.Path;
import org.multilevel.api.data.DataFormat;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.importsupport.FileBytes;
import org.osgi.service.component.annotations.Component;

/** Reads SPSS system files, .sav and .zsav (see {@link SavReader}). Stateless. */
@Component(service = DataImporter.class)
@DataFormat(formats = "spss", extensions = {"sav", "zsav"})
public final class SpssDataImporter implements DataImporter {
    @Override
    public Dataset read(Path file, ImportOptions options) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new SavReader(file.toString(), FileBytes.read(file, "SPSS data file")).read(stripExtension(name));
    }

    @Override
    public boolean reads(byte[] head, String fileName) {
        return SavReader.hasSignature(head);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
