/**
 * Linear mixed model estimators (REML, ML) as {@link org.multilevel.api.fit.Estimator} services.
 *
 * <ul>
 * <li>{@code lmm-nested} (ranking 10, structure "nested"): the grouping factors, ordered as lme4 orders
 * them (decreasing number of levels), form a chain in which each level of a factor lies in one level of the
 * next; the blocked Cholesky eliminates every level into its ancestors' blocks with no fill-in, so one
 * deviance evaluation costs O(levels) and nothing per row. Crossed designs are refused by
 * {@code unsupported} with the reason.</li>
 * <li>{@code lmm-general} (ranking 0, structures "nested" and "crossed"): the factor with the most levels is
 * eliminated level by level; the Schur complement of all other factors plus the fixed effects is one dense
 * matrix. Handles nested designs too, without exploiting the nesting.</li>
 * </ul>
 *
 * <p>Decisions: terms on the same grouping factor ({@code (1|S) + (0+Days|S)}) are merged into one factor
 * whose Lambda is block diagonal over its terms, so such a model stays single-factor (nested) and is fitted
 * per cluster; each term still has its own VarianceComponent ("S", "S.1") and theta entries in lme4's order,
 * and one ranef entry per factor. A model without a random-effects term is not fitted here:
 * {@code unsupported} says "the model has no random-effects term; use OLS". Everything is computed from
 * crossproducts made in one pass over the rows (X'X, X'y, y'y, and per level Z'Z, Z'X, Z'y, plus the sparse
 * blocks between factors), summed in fixed 65,536-row chunks added in chunk order so that a fit is
 * bit-identical on any number of processors. The model is optimized and factored on centred and scaled
 * columns (an intercept-bearing block is centred, every column scaled; the results are mapped back), so the
 * optimum does not depend on a predictor's location or unit; optimization is BOBYQA over theta (Brent after
 * a log-grid bracket for a single theta), with a finite-difference convergence check; a boundary optimum is
 * restarted from itself and from interior points along each bound, and accepted only when a one-sided
 * finite difference into the interior does not decrease the criterion; Satterthwaite df follow
 * lmerTest (Hessian of the deviance in (theta, sigma), Jacobian of Var(beta), Richardson extrapolation);
 * Kenward-Roger and between-within df come from the inference bundle.
 *
 * <p>Result contributors for the fits made here: {@code ProfileIntervalContributor} (option "ci" =
 * "profile", section "profileCI": lme4's profile-likelihood intervals, of the ML deviance also for REML fits,
 * for SDs, correlations, sigma and fixed effects) and {@code VarianceTestContributor} (option
 * "variance-tests" = "true", section "varianceTests": likelihood-ratio test of each random term's last
 * variance component with the chi-bar-square mixture p-value).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.lmm;
