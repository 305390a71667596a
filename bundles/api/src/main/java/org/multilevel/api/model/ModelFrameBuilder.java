package org.multilevel.api.model;

import org.multilevel.api.data.Dataset;

/** Parses a formula and evaluates it on a data set. Stateless. */
public interface ModelFrameBuilder {
    /**
     * @throws FormulaException for a malformed formula, naming the position
     * @throws org.multilevel.api.MultilevelException for a formula that does not fit the data (unknown
     *         column, with the closest name; non-numeric response; no rows left; a grouping factor with one level)
     */
    DesignMatrices build(Dataset data, ModelSpec spec);
}
