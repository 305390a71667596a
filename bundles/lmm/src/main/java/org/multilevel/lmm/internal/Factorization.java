package org.multilevel.lmm.internal;

/** The blocked Cholesky factor of the penalized system at one theta, and what follows from it. */
public interface Factorization {
    /** log |L_Z|^2. */
    double ldL2();

    /** log |R_X|^2. */
    double ldRX2();

    /** Penalized residual sum of squares r^2(theta). */
    double r2();

    /** Fixed effects (solve R_X beta = r_X). */
    double[] beta();

    /** Spherical random effects u per factor (m_k * q_k, level-major). */
    double[][] u();

    /** Diagonal blocks of (L_Z L_Z^T)^-1 per factor (m_k blocks q_k x q_k). */
    double[][] condCov();

    /** (R_X^T R_X)^-1, p x p row-major. */
    double[] rxInverse();
}
