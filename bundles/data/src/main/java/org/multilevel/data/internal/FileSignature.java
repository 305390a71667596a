package org.multilevel.data.internal;

import java.nio.charset.StandardCharsets;

/**
 * Recognises files that are not delimited text by their first bytes (their "magic numbers"), so that a
 * workbook, an archive or a statistics package's own format is named instead of being parsed as text and
 * echoed back as garbage.
 */
final class FileSignature {
    private FileSignature() {
    }

    /** What the file is, as a noun phrase ("an Excel workbook (.xlsx)"), or null when it may be text. */
    static String describe(byte[] head) {
        if (starts(head, 0x1F, 0x8B)) return "a gzip-compressed file (such as data.csv.gz or an R .rds file)";
        if (starts(head, 'P', 'K', 0x03, 0x04) || starts(head, 'P', 'K', 0x05, 0x06)) return zip(head);
        if (starts(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "an Excel 97-2003 workbook (.xls) or another Microsoft Office file";
        }
        if (starts(head, '$', 'F', 'L', '2') || starts(head, '$', 'F', 'L', '3')) return "an SPSS data file (.sav)";
        if (contains(head, "SPSS PORT FILE", 512)) return "an SPSS portable file (.por)";
        if (starts(head, '<', 's', 't', 'a', 't', 'a', '_', 'd', 't', 'a', '>')) return "a Stata data file (.dta)";
        if (isOldStata(head)) return "a Stata data file (.dta)";
        if (head.length >= 16 && starts(slice(head, 12), 0xC2, 0xEA, 0x81, 0x60)) return "a SAS data set (.sas7bdat)";
        if (starts(head, 'R', 'D', 'X') || starts(head, 'R', 'D', 'A')) return "an R workspace (.RData)";
        if (starts(head, 'B', 'Z', 'h')) return "a bzip2-compressed file";
        if (starts(head, 0xFD, '7', 'z', 'X', 'Z', 0x00)) return "an xz-compressed file";
        if (starts(head, 0x28, 0xB5, 0x2F, 0xFD)) return "a zstd-compressed file";
        if (starts(head, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) return "a 7-Zip archive";
        if (starts(head, '%', 'P', 'D', 'F')) return "a PDF document";
        if (starts(head, 'P', 'A', 'R', '1')) return "a Parquet file";
        if (starts(head, 'A', 'R', 'R', 'O', 'W', '1')) return "an Arrow/Feather file";
        if (starts(head, 'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't')) return "an SQLite database";
        if (starts(head, 0x89, 'H', 'D', 'F')) return "an HDF5 file";
        if (starts(head, 0x89, 'P', 'N', 'G') || starts(head, 0xFF, 0xD8, 0xFF)) return "an image";
        int nul = indexOfNul(head);
        if (nul >= 0) return "a binary file (it holds a zero byte at byte " + (nul + 1) + ")";
        // a text file may hold a few stray control characters in its cells (they are escaped on the terminal);
        // in more than a tenth of its bytes they mean a binary format
        if (controlBytes(head) * 10 > head.length) return "a binary file (many of its bytes are control codes)";
        return null;
    }

    /** Whether the head is UTF-16 text (a byte-order mark), as Excel's "Unicode text" is written. */
    static boolean isUtf16(byte[] head) {
        return starts(head, 0xFF, 0xFE) || starts(head, 0xFE, 0xFF);
    }

    private static String zip(byte[] head) {
        if (contains(head, "xl/", head.length)) return "an Excel workbook (.xlsx)";
        if (contains(head, "opendocument.spreadsheet", head.length)) return "an OpenDocument spreadsheet (.ods)";
        if (contains(head, "word/", head.length)) return "a Word document (.docx)";
        return "a ZIP archive (an Excel .xlsx workbook is one)";
    }

    /** Stata formats 102 to 115: release byte, byte order 1 or 2, file type 1. */
    private static boolean isOldStata(byte[] head) {
        if (head.length < 4) return false;
        int release = head[0] & 0xFF;
        boolean known = release == 102 || release >= 103 && release <= 115;
        return known && (head[1] == 1 || head[1] == 2) && head[2] == 1 && head[3] == 0;
    }

    private static int indexOfNul(byte[] head) {
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) return i;
        }
        return -1;
    }

    /** Bytes below 32 that text does not hold (tab, newlines, vertical tab, form feed and DOS's end mark do). */
    private static int controlBytes(byte[] head) {
        int count = 0;
        for (byte b : head) {
            if (b >= 0 && b < 32 && b != '\t' && b != '\n' && b != '\r' && b != 0x0B && b != 0x0C && b != 0x1A) count++;
        }
        return count;
    }

    private static byte[] slice(byte[] head, int from) {
        return java.util.Arrays.copyOfRange(head, from, head.length);
    }

    private static boolean starts(byte[] head, int... signature) {
        if (head.length < signature.length) return false;
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) return false;
        }
        return true;
    }

    private static boolean contains(byte[] head, String ascii, int within) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        int end = Math.min(head.length, within) - needle.length;
        for (int i = 0; i <= end; i++) {
            int k = 0;
            while (k < needle.length && head[i + k] == needle[k]) k++;
            if (k == needle.length) return true;
        }
        return false;
    }
}
