/**
 * Inference for fixed effects: Kenward-Roger, between-within df, Wald tests, omnibus (anova) tables.
 *
 * <p>For estimators implementing {@code FittedModel.test(L, ddf)}:
 * <ul>
 * <li>KENWARD_ROGER (REML fits): once per fit,
 * {@code KenwardRoger kr = KenwardRoger.prepare(design, covariances, sigma2)} with the design the model was
 * fitted on, one q x q covariance matrix per random term (the REML estimates, in the design's term order) and
 * the residual variance; then {@code kr.test(beta, L)} per contrast and {@code kr.adjustedCovariance()} for
 * the adjusted SEs. The object is immutable; cache it in the fitted model (lazily) for repeated tests. Cost:
 * one pass over the rows for nested designs (blocked per cluster), dense in the number of random effects for
 * crossed designs; never n x n.</li>
 * <li>BETWEEN_WITHIN: {@code BetweenWithin.of(design).test(beta, fixedCovariance, L)}.</li>
 * <li>RESIDUAL / NONE: {@code WaldTest.test(beta, fixedCovariance, L, df)} with df = n - p or +Infinity.</li>
 * </ul>
 * One-row contrasts give t tests (estimate, se, t); several rows give F tests (estimate and se NaN).
 * {@link org.multilevel.inference.AnovaTable} builds types II / III tables through {@code FittedModel.test}.
 * Also here: {@link org.multilevel.inference.RobustCovariance} (CR2 with Bell-McCaffrey df),
 * {@link org.multilevel.inference.VarianceChiSquare} (HLM's chi-square test of tau = 0) and
 * {@link org.multilevel.inference.ParametricBootstrap} (percentile intervals, refitting through an Estimator).
 *
 * <p>Result contributors (DS services of this bundle) and the request options that switch them on:
 * "anova" = 2 | 3 | II | III | true (section "anova"); "robust" = true (section "robust"); "tau-test" = true
 * (section "varianceChiSquare"); "ci" = bootstrap with "nsim" (200) and "seed" (1) (section "bootstrap",
 * progress on stderr). Profile-likelihood intervals are not here: they need the estimator's deviance function.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.multilevel.inference;
