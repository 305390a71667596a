package org.multilevel.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which folder the distribution watches for bundles and configuration files, in this order: the command-line
 * option {@code --deploy DIR} (or {@code --deploy=DIR}), the launch property {@value #PROPERTY}
 * ({@code -Dmultilevel.deploy=DIR}), else {@code deploy/} beside the runnable jar.
 *
 * @param folder the absolute folder
 * @param explicit whether the user named it (then a folder that does not exist is an error)
 */
public record DeployFolder(Path folder, boolean explicit) {
    public static final String OPTION = "--deploy";
    public static final String PROPERTY = "multilevel.deploy";
    public static final String DEFAULT_NAME = "deploy";

    /**
     * @param arguments the launcher's command-line arguments
     * @param property the value of {@value #PROPERTY}, or null
     * @param classPath the JVM's class path: the runnable jar when started with {@code java -jar}
     * @param workingDirectory where a relative folder is resolved
     */
    public static DeployFolder resolve(List<String> arguments, String property, String classPath, Path workingDirectory) {
        Optional<String> option = option(arguments);
        if (option.isPresent()) return new DeployFolder(workingDirectory.resolve(option.get()).normalize(), true);
        if (property != null && !property.isBlank()) {
            return new DeployFolder(workingDirectory.resolve(property.strip()).normalize(), true);
        }
        return new DeployFolder(besideJar(classPath, workingDirectory), false);
    }

    /** The value of the first {@code --deploy DIR} or {@code --deploy=DIR}; an option without a value is none. */
    static Optional<String> option(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals(OPTION) && i + 1 < arguments.size()) return Optional.of(arguments.get(i + 1));
            if (a.startsWith(OPTION + "=") && a.length() > OPTION.length() + 1) {
                return Optional.of(a.substring(OPTION.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Path besideJar(String classPath, Path workingDirectory) {
        if (classPath != null && !classPath.isBlank() && classPath.indexOf(java.io.File.pathSeparatorChar) < 0
                && classPath.endsWith(".jar")) {
            Path jar = workingDirectory.resolve(classPath).normalize();
            if (Files.isRegularFile(jar) && jar.getParent() != null) return jar.getParent().resolve(DEFAULT_NAME);
        }
        return workingDirectory.resolve(DEFAULT_NAME).normalize();
    }

    /** A named folder that is missing or not a folder: the problem in one line, else empty. */
    public Optional<String> problem() {
        if (!explicit || Files.isDirectory(folder)) return Optional.empty();
        return Optional.of("the deploy folder " + folder + (Files.exists(folder) ? " is not a folder" : " does not exist")
                + " (" + OPTION + " DIR or -D" + PROPERTY + "=DIR names an existing folder)");
    }
}
