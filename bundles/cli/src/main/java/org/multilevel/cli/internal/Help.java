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
                [--shape panel|insteval|subjects-items|large] [--scale S]   crossed designs (gaussian, REML)
              help            this text

            Defaults: family gaussian; method REML for gaussian, Laplace otherwise (AGQ with --nagq > 1; --method AGQ
            alone uses 7 points);
            ddf Satterthwaite; format text. Without arguments the bundled High School and Beyond example is fitted;
            fit without --data uses it too. --format json prints exactly one JSON document on standard output.
            --data reads CSV/TSV, SPSS (.sav, .zsav), Stata (.dta) and Excel (.xlsx) files; --sheet NAME picks the
            worksheet of a workbook (default: the first).

            Limits (work that cannot finish sensibly is refused before it starts, with the size it would need)
              memory    the heap of this JVM (java -Xmx4g -jar multilevel.jar ... for more); running out of
                        memory anyway ends with "not enough memory" and exit 1
              time      10 minutes of estimated work at 1e9 operations per second; raise or lift it with
                        java -Dmultilevel.maxMinutes=60 (0: no limit) -jar multilevel.jar ...
              fixed effects  a dense model matrix of rows x columns doubles (at most 2^31 cells) whose
                        columns x columns crossproduct is factored at every deviance evaluation: a factor with
                        thousands of levels belongs in the random part, (1 | id)
              crossed   the random-effects system is factored sparsely in a fill-reducing order; a model whose
                        factor would need more memory than the heap is refused before fitting
              --nagq    at most {NAGQ_MAX} quadrature points per level (lme4's limit)
              --nsim    between {NSIM_MIN} and {NSIM_MAX}; the draws must fit in memory, and the first refits
                        projected to nsim must fit in the time limit
            Progress of long work is shown on standard error when it is a terminal.
            --nsim (bootstrap simulations) is for --ci bootstrap only.
            Output files (--out, --save-*) must not be the data file or each other and their folder must exist; they
            are written to temporary files beside them and moved into place only when all are complete, so an
            interrupted run leaves the old files. Text cells of CSV exports that start with = + - @ get a leading '.
            --debug shows stack traces of internal errors.
            Exit codes: 0 ok, 2 a problem with the input or the command line, 1 an internal error.
            """.replace("{NAGQ_MAX}", Integer.toString(Limits.NAGQ_MAX))
            .replace("{NSIM_MIN}", Integer.toString(Limits.NSIM_MIN))
            .replace("{NSIM_MAX}", String.format(java.util.Locale.ROOT, "%,d", Limits.NSIM_MAX));
}
