package org.multilevel.deploy;

import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Runs before Apache Felix FileInstall in the distribution's start order and tells it the folder to watch.
 *
 * <p>FileInstall reads {@value #FILEINSTALL_DIR} from the framework properties when it starts, and those fall back
 * to the system properties; the folder depends on the command line, which the bnd launcher only offers as a service
 * property once the framework runs, so it is passed as a system property (as the launcher itself passes its launch
 * properties). A folder set explicitly with {@code -Dfelix.fileinstall.dir} is left alone. Outside the
 * distribution (Karaf, a host's own framework) this bundle is not installed.
 */
public final class DeployFolderActivator implements BundleActivator {
    static final String FILEINSTALL_DIR = "felix.fileinstall.dir";
    /** Property of the service the bnd launcher registers with the command-line arguments (a String[]). */
    static final String LAUNCHER_ARGUMENTS = "launcher.arguments";
    /** Framework property of the interactive (Gogo shell) distribution, where no command reports problems. */
    static final String INTERACTIVE = "multilevel.interactive";

    @Override
    public void start(BundleContext context) {
        if (context.getProperty(FILEINSTALL_DIR) != null) return;
        DeployFolder deploy = DeployFolder.resolve(launcherArguments(context), context.getProperty(DeployFolder.PROPERTY),
            System.getProperty("java.class.path"), Path.of("").toAbsolutePath());
        // a one-shot command reports a named folder that is missing (exit 2); the shell warns; FileInstall waits for it
        if (Boolean.parseBoolean(context.getProperty(INTERACTIVE))) {
            deploy.problem().ifPresent(problem -> System.err.println("warning: " + problem));
        }
        System.setProperty(FILEINSTALL_DIR, deploy.folder().toString());
    }

    @Override
    public void stop(BundleContext context) {
        // FileInstall stops with the framework; the property belongs to this process only
    }

    private static List<String> launcherArguments(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + LAUNCHER_ARGUMENTS + "=*)");
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    if (ref.getProperty(LAUNCHER_ARGUMENTS) instanceof String[] args) return List.of(args);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("bad launcher filter", e);
        }
        return List.of();
    }
}
