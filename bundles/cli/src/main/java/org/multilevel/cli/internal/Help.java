package org.multilevel.cli.internal;

/** The text of {@code help}. */
final class Help {
    private Help() {
    }

    static final String TEXT = """
            multilevel: linear and generalized linear mixed models

            Commands
              fit             fit one model
                --data FILE --formula "y ~ x + (1 + x | g)"
                [--family gaussian|binomial|poisson] [--link identity|logit|probit|cloglog|log]
                [--method REML|ML|Laplace|AGQ] [--nagq N]
                [--ddf satterthwaite|kenward-roger|between-within|residual|none]
                [--reference VAR=LEVEL]... [--center VAR=grand|within:G|between:G|z|within-z:G]...
                [--contrast "NAME=EXPR"]... [--compare-ols] [--anova 2|3] [--robust] [--tau-test]
                [--variance-tests]
                [--ci wald|profile|bootstrap] [--nsim N] [--seed S]
                [--format text|json|html] [--plot-predictor VAR] [--out FILE]
                [--save-data FILE] [--save-ranef FILE] [--save-residuals FILE]
              compare         likelihood-ratio tests between models fitted on the same rows
                --data FILE --formula F0 --formula F1 [--formula F2 ...] [--method REML|ML] [--format ...]
              ols-by-cluster  ordinary least squares in every cluster
                --data FILE --formula "y ~ x" --cluster G [--format ...]
              bench           time parse, fit and report on synthetic data
                [--rows N] [--clusters M] [--family gaussian|binomial] [--ddf D] [--repeat K]
              help            this text

            Defaults: family gaussian; method REML for gaussian, Laplace otherwise (AGQ with --nagq > 1; --method AGQ
            alone uses 7 points);
            ddf Satterthwaite; format text. Without arguments the bundled High School and Beyond example is fitted;
            fit without --data uses it too. --format json prints exactly one JSON document on standard output.
            --nsim (bootstrap simulations, with --ci bootstrap only) must be between {NSIM_MIN} and {NSIM_MAX}.
            Output files (--out, --save-*) must not be the data file or each other and their folder must exist; they
            are written to temporary files beside them and moved into place only when all are complete, so an
            interrupted run leaves the old files. Text cells of CSV exports that start with = + - @ get a leading '.
            --debug shows stack traces of internal errors.
            Exit codes: 0 ok, 2 a problem with the input or the command line, 1 an internal error.
            """.replace("{NSIM_MIN}", Integer.toString(Limits.NSIM_MIN))
            .replace("{NSIM_MAX}", String.format(java.util.Locale.ROOT, "%,d", Limits.NSIM_MAX));
}
