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
 *
 * <p>Logical expressions: {@code I(week > 2)}, {@code I(age >= 18 & sex == "F")}, {@code I(!x)} with R's
 * operators {@code < <= > >= == != & | !} and R's precedence; a logical variable is a factor FALSE/TRUE with
 * FALSE the reference (column {@code I(week > 2)TRUE}); rows where it is NA are dropped as R's na.omit does.
 * Text compares with {@code ==}/{@code !=} only; {@code &&} and {@code ||} are refused (not vectorised in R).
 * One difference from lme4: lme4 reads a {@code |} inside {@code I()} as a random-effects bar and fails; here
 * it is R's logical or, as in {@code lm}.
 *
 * <p>Limits: a formula has at most 65,536 characters, and nothing is nested more than 200 levels deep
 * (parentheses, function calls, signs, powers, and inside one term its operators); the sum of terms itself may
 * be as long as the length limit allows. Beyond them the formula is refused with "formula too long" or
 * "formula too deep".
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.formula;
