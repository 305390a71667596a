package org.multilevel.cli.internal;

/** The limits of what the command line accepts, in one place (help, README and checks quote these). */
final class Limits {
    /** Parametric bootstrap simulations (--nsim): fewer than 2 give no interval; more take hours. */
    static final int NSIM_MIN = 2;
    static final int NSIM_MAX = 100_000;

    /** Gauss-Hermite points per level (--nagq): lme4's limit; the estimator refuses more on its own too. */
    static final int NAGQ_MAX = 100;

    private Limits() {
    }
}
