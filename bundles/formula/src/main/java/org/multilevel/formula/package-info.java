/**
 * The model formula language: {@link org.multilevel.formula.FormulaModelFrameBuilder} parses an lme4 formula
 * and evaluates it on a data set. Exported so that hosts and tests can construct it without a framework.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.formula;
