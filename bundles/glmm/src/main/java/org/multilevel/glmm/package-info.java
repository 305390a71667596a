/** GLMM estimator: Laplace and adaptive Gauss-Hermite quadrature. */
package org.multilevel.glmm;
