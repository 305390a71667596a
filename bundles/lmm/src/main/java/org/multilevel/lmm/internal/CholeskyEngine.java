package org.multilevel.lmm.internal;

/** Factors the penalized system for a given set of relative covariance factors. Stateless, thread-safe. */
public interface CholeskyEngine {
    /**
     * @param lambda Lambda_k per factor (q_k x q_k row-major)
     * @return the factorization, or null when the fixed-effects block is not positive definite
     */
    Factorization factor(double[][] lambda);
}
