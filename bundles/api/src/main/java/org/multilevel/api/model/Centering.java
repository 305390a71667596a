package org.multilevel.api.model;

/**
 * An analysis option that replaces a variable by a transformed version before the formula is evaluated,
 * as a host menu offers it ({@code --center ses=within:school}).
 *
 * @param variable column name
 * @param transform the transformation
 * @param cluster grouping column, or null for transformations that need none
 */
public record Centering(String variable, Transform transform, String cluster) {
}
