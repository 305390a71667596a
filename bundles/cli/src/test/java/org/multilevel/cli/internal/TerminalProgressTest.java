package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar: drawn by the library for lasting work in a terminal, nothing otherwise. */
class TerminalProgressTest {
    @Test
    void aStreamThatIsNotTheTerminalShowsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TerminalProgress p = TerminalProgress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            for (int i = 1; i <= 10; i++) p.progress("bootstrap", i, 10);
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTerminalShowsABarPerStage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0)) {
            p.progress("fit", 12, -1);
            for (int i = 1; i <= 7; i++) p.progress("bootstrap", i, 10);
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("fit"), shown);
        assertTrue(shown.contains("bootstrap"), shown);
        assertTrue(shown.contains("7/10"), shown);
    }

    @Test
    void quickWorkShowsNothingEvenInATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 60_000)) {
            p.progress("fit", 3, -1);
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
