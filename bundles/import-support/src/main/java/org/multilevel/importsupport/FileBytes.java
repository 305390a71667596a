package org.multilevel.importsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.multilevel.api.data.DataException;

/** A whole data file in memory, with the errors every importer reports alike. */
public final class FileBytes {
    private FileBytes() {
    }

    /**
     * The file's bytes, little-endian.
     *
     * @param kind what the file should be, for messages ("SPSS data file")
     * @throws DataException when the file is missing, a directory, unreadable, empty or over 2 GB
     */
    public static ByteBuffer read(Path file, String kind) {
        if (Files.isDirectory(file)) throw new DataException(kind + " " + file + " is a directory, not a file.");
        try {
            long size = Files.size(file);
            if (size == 0) throw new DataException(kind + " " + file + " is empty.");
            if (size > Integer.MAX_VALUE - 64) {
                throw new DataException(kind + " " + file + " is larger than 2 GB, which is not supported.");
            }
            return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new DataException("Data file " + file + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new DataException("Data file " + file + " cannot be read: permission denied.");
        } catch (IOException e) {
            throw new DataException("Data file " + file + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    /** Whether {@code head} starts with {@code signature}. */
    public static boolean startsWith(byte[] head, byte[] signature) {
        if (head.length < signature.length) return false;
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) return false;
        }
        return true;
    }
}
