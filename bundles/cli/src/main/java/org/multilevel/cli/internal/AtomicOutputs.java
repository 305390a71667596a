package org.multilevel.cli.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.multilevel.api.MultilevelException;

/**
 * Writes a command's output files as one unit: each is streamed to a temporary file in its own folder and
 * forced to disk; only when every one is complete are they moved into place, each by an atomic rename. A
 * failure (or a kill) before that leaves every old file as it was; a kill during the renames leaves each file
 * either old or complete and new, never partial. {@link #close} removes the temporary files of an unfinished
 * unit. One instance per command run; not shared between threads.
 */
final class AtomicOutputs implements AutoCloseable {
    /** Streams one file's content to the writer. */
    interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    private record Staged(OutputTargets.Target target, Path temporary) {
    }

    static final String TEMPORARY_SUFFIX = ".multilevel-partial";

    private final List<Staged> staged = new ArrayList<>();
    private boolean committed;

    /** Writes the content of one target to a temporary file beside it. */
    void stage(OutputTargets.Target target, Content content) {
        Path path = target.path();
        Path temporary = null;
        try {
            temporary = createTemporary(path);
            staged.add(new Staged(target, temporary));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 Writer writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                         StandardCharsets.UTF_8), 1 << 16)) {
                content.writeTo(writer);
                writer.flush();
                channel.force(true);
            }
            keepPermissions(path, temporary);
        } catch (IOException e) {
            throw new MultilevelException("cannot write " + target.given() + ": " + Output.reason(e));
        } catch (UncheckedIOException e) {
            throw new MultilevelException("cannot write " + target.given() + ": " + Output.reason(e.getCause()));
        }
    }

    /** Moves every staged file into place; returns the names the user gave, in order. */
    List<String> commit() {
        List<String> written = new ArrayList<>();
        for (Staged s : staged) {
            try {
                move(s.temporary(), s.target().path());
            } catch (IOException e) {
                throw new MultilevelException("cannot write " + s.target().given() + ": " + Output.reason(e));
            }
            written.add(s.target().given());
        }
        committed = true;
        return written;
    }

    @Override
    public void close() {
        if (committed) return;
        for (Staged s : staged) {
            try {
                Files.deleteIfExists(s.temporary());
            } catch (IOException e) {
                // nothing more to do: the name of the leftover says what it is
            }
        }
    }

    /** ".NAME.RANDOM.multilevel-partial" in the target's folder: same file system, so the rename is atomic. */
    private static Path createTemporary(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + TEMPORARY_SUFFIX;
            try {
                // CREATE_NEW with the default permissions (the umask), unlike Files.createTempFile's owner-only
                return Files.createFile(target.resolveSibling(name));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // a file system without atomic rename in one folder; a plain replace is the best it offers
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A replaced file keeps its permissions (a shared report stays readable by the group). */
    private static void keepPermissions(Path target, Path temporary) {
        PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (old == null || !Files.exists(target)) return;
        try {
            Files.setPosixFilePermissions(temporary, old.readAttributes().permissions());
        } catch (IOException | UnsupportedOperationException e) {
            // the new file keeps the default permissions
        }
    }
}
