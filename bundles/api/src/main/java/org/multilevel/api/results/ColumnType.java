package org.multilevel.api.results;

/** What the cells of a column hold; a renderer formats them accordingly. */
public enum ColumnType {
    /** Text. */
    STRING,
    /** Whole numbers (Integer or Long cells). */
    INTEGER,
    /** Real numbers (Double cells), formatted by the column's format hint. */
    NUMBER,
    /** Probabilities of a test, shown as R does ("< 2e-16" below the machine precision). */
    PVALUE
}
