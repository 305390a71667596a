package org.multilevel.cli.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launcher option {@code --deploy DIR} (or {@code --deploy=DIR}): the distribution's deploy folder, which the
 * org.multilevel.deploy bundle hands to FileInstall before the command runs. It is not an option of the commands,
 * so it is taken out of the arguments here; a folder named there or by {@code -Dmultilevel.deploy} that does not
 * exist is the user's error.
 *
 * @param commandArguments the arguments without the option
 * @param folder           the folder named by the option, if any
 */
record DeployOption(List<String> commandArguments, Optional<String> folder) {
    static final String OPTION = "--deploy";
    static final String PROPERTY = "multilevel.deploy";

    static DeployOption parse(String[] args) {
        List<String> rest = new ArrayList<>();
        String folder = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals(OPTION)) {
                if (i + 1 >= args.length) return new DeployOption(rest, Optional.of(""));
                if (folder == null) folder = args[i + 1];
                i++;
            } else if (a.startsWith(OPTION + "=")) {
                if (folder == null) folder = a.substring(OPTION.length() + 1);
            } else {
                rest.add(a);
            }
        }
        return new DeployOption(rest, Optional.ofNullable(folder));
    }

    /** The problem with the named folder (the option's, else the property's), in one line. */
    Optional<String> problem(String property) {
        String named = folder.orElse(property);
        String source = folder.isPresent() ? OPTION : "-D" + PROPERTY;
        if (named == null || (folder.isEmpty() && named.isBlank())) return Optional.empty();
        if (named.isBlank()) return Optional.of("option " + OPTION + " needs a folder");
        Path path = Path.of(named.strip()).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) return Optional.empty();
        return Optional.of("the deploy folder " + path + " (" + source + ") "
            + (Files.exists(path) ? "is not a folder" : "does not exist"));
    }
}
