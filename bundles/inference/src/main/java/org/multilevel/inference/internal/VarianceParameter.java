package org.multilevel.inference.internal;

/**
 * One variance parameter in Kenward-Roger's linear parametrization V = sum_r sigma_r G_r: element (a, b) of
 * random term {@code term}'s covariance matrix (a <= b; G_r = Z_term (E_ab + E_ba) Z_term' repeated over the
 * term's levels), or the residual variance (term = -1, G_r = I).
 */
public record VarianceParameter(int term, int a, int b) {
    public static final VarianceParameter RESIDUAL = new VarianceParameter(-1, 0, 0);

    public boolean residual() {
        return term < 0;
    }
}
