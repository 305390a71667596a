package org.multilevel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFolderTest {
    @TempDir
    Path work;

    @Test
    void theOptionWinsOverThePropertyAndTheJarsFolder() throws Exception {
        Path jar = Files.createFile(work.resolve("multilevel.jar"));
        DeployFolder d = DeployFolder.resolve(List.of("fit", "--deploy", "mine", "--data", "x.csv"), "other", jar.toString(), work);
        assertEquals(work.resolve("mine"), d.folder());
        assertTrue(d.explicit());
        assertEquals(work.resolve("eq"), DeployFolder.resolve(List.of("--deploy=eq"), null, jar.toString(), work).folder());
    }

    @Test
    void thePropertyWinsOverTheJarsFolder() throws Exception {
        Path jar = Files.createFile(work.resolve("multilevel.jar"));
        assertEquals(work.resolve("prop"), DeployFolder.resolve(List.of("fit"), "prop", jar.toString(), work).folder());
    }

    @Test
    void byDefaultTheFolderBesideTheJar() throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib"));
        Path jar = Files.createFile(lib.resolve("multilevel.jar"));
        DeployFolder d = DeployFolder.resolve(List.of("help"), null, jar.toString(), Path.of("/"));
        assertEquals(lib.resolve("deploy"), d.folder());
        assertFalse(d.explicit());
        assertTrue(d.problem().isEmpty(), "a default folder that does not exist is no problem");
    }

    @Test
    void withoutAJarTheWorkingDirectory() {
        assertEquals(work.resolve("deploy"), DeployFolder.resolve(List.of(), null, "a.jar:b.jar", work).folder());
        assertEquals(work.resolve("deploy"), DeployFolder.resolve(List.of("--deploy"), null, null, work).folder());
    }

    @Test
    void aNamedFolderThatDoesNotExistIsAProblem() throws Exception {
        DeployFolder missing = DeployFolder.resolve(List.of("--deploy", "nope"), null, null, work);
        assertTrue(missing.problem().orElseThrow().contains("does not exist"), missing.problem().toString());
        Files.createFile(work.resolve("file"));
        DeployFolder file = DeployFolder.resolve(List.of("--deploy", "file"), null, null, work);
        assertTrue(file.problem().orElseThrow().contains("is not a folder"));
        Files.createDirectories(work.resolve("ok"));
        assertTrue(DeployFolder.resolve(List.of("--deploy", "ok"), null, null, work).problem().isEmpty());
    }
}
