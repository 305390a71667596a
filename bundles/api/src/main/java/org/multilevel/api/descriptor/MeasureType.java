package org.multilevel.api.descriptor;

/**
 * Measurement level of a column as hosts (JASP, jamovi) know it. A numeric column of a data set is scale; a
 * categorical one is nominal (and is accepted where ordinal is allowed, the data set keeps no order).
 */
public enum MeasureType { SCALE, ORDINAL, NOMINAL }
