package org.multilevel.cli.internal;

import org.multilevel.cli.CommandLine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo shell commands {@code multilevel:fit}, {@code multilevel:compare} and {@code multilevel:ols}: the
 * same command line, with the shell's arguments. Gogo redirects System.out and System.err per session.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=multilevel",
        "osgi.command.function=fit",
        "osgi.command.function=compare",
        "osgi.command.function=ols"})
public class GogoCommands {
    private final CommandLine commandLine;

    @Activate
    public GogoCommands(@Reference(name = "commandLine") CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    public void fit(String... args) {
        run("fit", args);
    }

    public void compare(String... args) {
        run("compare", args);
    }

    public void ols(String... args) {
        run("ols-by-cluster", args);
    }

    private void run(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        commandLine.run(all, System.out, System.err);
    }
}
