package org.multilevel.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a command will write (--out, --save-data, ...), checked before anything runs: each names a file
 * (not a folder, not empty) in an existing, writable folder; none is the input data file (compared by real
 * path, so a symbolic link or {@code ./x/../data.csv} counts); no two name the same file.
 */
final class OutputTargets {
    /** One output: the option that asked for it, the name the user gave, the real path it will be written to. */
    record Target(String option, String given, Path path) {
    }

    private OutputTargets() {
    }

    /**
     * The targets of the given options that are present, in that order.
     *
     * @param input the data file the command reads, or null for the bundled example
     * @throws UsageException naming the option and the problem
     */
    static List<Target> check(Arguments a, String input, String... options) {
        List<Target> targets = new ArrayList<>();
        for (String option : options) {
            if (!a.has(option)) continue;
            Target t = target(option, a.value(option));
            for (Target earlier : targets) {
                if (sameFile(earlier.path(), t.path())) {
                    throw new UsageException("options --" + earlier.option() + " and --" + option
                            + " name the same file " + t.given() + "; give each output its own file");
                }
            }
            targets.add(t);
        }
        if (input != null) {
            Path data = realPathOrNull(input);
            for (Target t : targets) {
                if (data != null && sameFile(data, t.path())) {
                    throw new UsageException("option --" + t.option() + " names the input data file " + input
                            + "; writing there would destroy the data, choose another file");
                }
            }
        }
        return targets;
    }

    private static Target target(String option, String given) {
        if (given == null || given.isBlank()) {
            throw new UsageException("option --" + option + " needs a file name, got an empty one");
        }
        Path path;
        try {
            path = Path.of(given).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("option --" + option + ": " + given + " is not a valid file name (" + e.getReason() + ")");
        }
        if (Files.isDirectory(path)) {
            throw new UsageException("option --" + option + " names the folder " + given + "; give a file name");
        }
        if (path.getFileName() == null) {
            throw new UsageException("option --" + option + " needs a file name, got " + given);
        }
        Path folder = path.getParent();
        if (!Files.isDirectory(folder)) {
            throw new UsageException("cannot write " + given + ": the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        Path real = realPath(option, given, path);
        if (!Files.isWritable(real.getParent())) {
            throw new UsageException("cannot write " + given + ": the folder " + real.getParent() + " is not writable");
        }
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            throw new UsageException("cannot write " + given + ": it exists and is not a regular file");
        }
        if (Files.exists(real) && !Files.isWritable(real)) {
            throw new UsageException("cannot write " + given + ": the file is read-only");
        }
        return new Target(option, given, real);
    }

    /**
     * Where the file really is: an existing file (or symbolic link) resolved to its target, a new file in the
     * real path of its folder. Writing there keeps a symbolic link pointing at the new content.
     */
    private static Path realPath(String option, String given, Path path) {
        try {
            if (Files.exists(path)) return path.toRealPath();
            if (Files.isSymbolicLink(path)) {
                throw new UsageException("option --" + option + ": " + given + " is a symbolic link to a missing file");
            }
            return path.getParent().toRealPath().resolve(path.getFileName());
        } catch (IOException e) {
            throw new UsageException("cannot write " + given + ": " + Output.reason(e));
        }
    }

    private static Path realPathOrNull(String file) {
        try {
            return Path.of(file).toRealPath();
        } catch (IOException | InvalidPathException e) {
            return null; // the importer reports a missing or unreadable data file
        }
    }

    /** The same file by real path, or (hard links) by file identity. */
    private static boolean sameFile(Path a, Path b) {
        if (a.equals(b)) return true;
        try {
            return Files.exists(a, LinkOption.NOFOLLOW_LINKS) && Files.exists(b, LinkOption.NOFOLLOW_LINKS)
                    && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
