package org.multilevel.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.multilevel.api.MultilevelException;

/** Where a report goes: standard output, or the file of --out. */
final class Output {
    private Output() {
    }

    static void write(String report, String outFile, PrintStream out, PrintStream err) {
        String text = report.endsWith("\n") ? report : report + "\n";
        if (outFile == null) {
            out.print(text);
            return;
        }
        writeFile(outFile, text);
        err.println("wrote " + outFile);
    }

    static void writeFile(String file, String text) {
        try {
            Path path = Path.of(file);
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            throw new MultilevelException("cannot write " + file + ": the folder " + parent + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new MultilevelException("cannot write " + file + ": permission denied");
        } catch (IOException | RuntimeException e) {
            throw new MultilevelException("cannot write " + file + ": " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }
}
