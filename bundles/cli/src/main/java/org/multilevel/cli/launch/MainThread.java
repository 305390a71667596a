package org.multilevel.cli.launch;

import java.io.PrintStream;
import java.util.Hashtable;
import java.util.concurrent.Callable;
import org.multilevel.cli.CommandLine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Hands the bnd launcher a {@code Callable<Integer>} with {@code main.thread=true}: the launcher calls it on the
 * JVM's main thread once every bundle has started, stops the framework and exits with the returned code.
 *
 * <p>The callable is registered by hand rather than as this component's service so that a runtime meant to be
 * used interactively (framework property {@value #INTERACTIVE} = true, the Gogo shell distribution) does not
 * offer one: the launcher then simply keeps the framework running until the shell stops it.
 */
@Component(immediate = true)
public final class MainThread {
    /** Framework property: when true, no command is run and the process lives until the framework stops. */
    public static final String INTERACTIVE = "multilevel.interactive";
    /** Property of the service the bnd launcher registers with the command-line arguments (a String[]). */
    static final String LAUNCHER_ARGUMENTS = "launcher.arguments";
    /** SCR registers services while the bundles start, before the launcher calls us; this only bounds a slow machine. */
    private static final long SERVICE_WAIT_MILLIS = 5_000;

    private final BundleContext context;
    private final ServiceRegistration<?> registration;

    @Activate
    public MainThread(BundleContext context) {
        this.context = context;
        if (Boolean.parseBoolean(context.getProperty(INTERACTIVE))) {
            registration = null;
        } else {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("main.thread", "true");
            props.put(Constants.SERVICE_DESCRIPTION, "multilevel command line on the launcher's main thread");
            registration = context.registerService(Callable.class, new Run(), props);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and has unregistered it already
            }
        }
    }

    /** The launcher checks the declared return type of call(): it must be Integer. */
    private final class Run implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintStream out = System.out;
            PrintStream err = System.err;
            try {
                DeployOption deploy = DeployOption.parse(launcherArguments());
                var problem = deploy.problem(context.getProperty(DeployOption.PROPERTY));
                if (problem.isPresent()) {
                    err.println("error: " + problem.get());
                    return CommandLine.USER_ERROR;
                }
                String[] args = deploy.commandArguments().toArray(new String[0]);
                ServiceTracker<CommandLine, CommandLine> tracker = new ServiceTracker<>(context, CommandLine.class, null);
                tracker.open();
                try {
                    CommandLine commandLine = tracker.waitForService(SERVICE_WAIT_MILLIS);
                    if (commandLine == null) {
                        err.println("internal error: the multilevel command-line service did not start"
                            + " (a bundle of the distribution failed to resolve or activate)");
                        return CommandLine.INTERNAL_ERROR;
                    }
                    return commandLine.run(args, out, err);
                } finally {
                    tracker.close();
                }
            } catch (OutOfMemoryError e) {
                // outside the command line's own handling (while it started): still said as what it is
                err.println("error: " + org.multilevel.cli.internal.NotEnoughMemory.message());
                return CommandLine.INTERNAL_ERROR;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("internal error: interrupted while waiting for the command-line service");
                return CommandLine.INTERNAL_ERROR;
            } finally {
                out.flush();
                err.flush();
            }
        }

        /** The launcher registers itself with the arguments before it calls the main thread. */
        private String[] launcherArguments() {
            try {
                ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + LAUNCHER_ARGUMENTS + "=*)");
                if (refs != null) {
                    for (ServiceReference<?> ref : refs) {
                        if (ref.getProperty(LAUNCHER_ARGUMENTS) instanceof String[] args) return args.clone();
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("bad launcher filter", e);
            }
            return new String[0];
        }
    }
}
