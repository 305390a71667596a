package org.multilevel.cli.internal;

import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

/**
 * Where a command's results go: the report to standard output or the file of --out, the exports to their
 * files; all files as one {@link AtomicOutputs} unit, so that no old file is replaced unless every new one
 * was written.
 */
final class Output {
    private Output() {
    }

    /**
     * Writes the report and the exports of the targets, then prints the report (when there is no --out) and
     * one "wrote FILE" line per file.
     *
     * @param targets what {@link OutputTargets#check} accepted; the target of option "out" gets the report
     * @param exports the content of every other target, by option
     */
    static void write(String report, List<OutputTargets.Target> targets, Map<String, AtomicOutputs.Content> exports,
                      PrintStream out, PrintStream err) {
        String text = TerminalText.escape(report.endsWith("\n") ? report : report + "\n");
        boolean toFile = false;
        List<String> written;
        try (AtomicOutputs files = new AtomicOutputs()) {
            for (OutputTargets.Target t : targets) {
                if (t.option().equals("out")) {
                    files.stage(t, w -> w.write(text));
                    toFile = true;
                } else {
                    AtomicOutputs.Content content = exports.get(t.option());
                    if (content == null) throw new IllegalStateException("no content for --" + t.option());
                    files.stage(t, content);
                }
            }
            written = files.commit();
        }
        if (!toFile) out.print(text);
        for (String file : written) err.println("wrote " + TerminalText.escape(file));
    }

    /** Why a file operation failed, in words. */
    static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) return "the file or its folder does not exist";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
