/**
 * The model formula language: {@link org.multilevel.formula.FormulaModelFrameBuilder} parses an lme4 formula
 * and evaluates it on a data set. Exported so that hosts and tests can construct it without a framework.
 *
 * <p>Rows: the model is fitted on the rows where every variable of the model is present (R's na.omit).
 * {@code scale(x)} follows R, whose model.frame evaluates it before those rows are dropped: the mean and
 * sample SD come from every row of the data where x itself is present, so a model copied from an R script
 * gives R's numbers. The project's own centering functions {@code gmc, cwc, cm, cwz} (and the centering
 * options) use the analysed rows only, as the formula spec says; a {@code scale()} of an expression that
 * involves them stays on the analysed rows too.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.formula;
