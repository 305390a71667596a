package org.multilevel.glmm.internal;

import org.apache.commons.math3.special.Erf;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;

/**
 * Family and link of a GLMM response: inverse link, its derivative, variance function and the -2 log-likelihood
 * kernel of one (weighted) row. The kernel leaves out the terms free of the mean (log binomial coefficients,
 * log y!), which are added once as a constant, so that rows with identical predictors can be merged.
 */
final class GlmFamily {
    private static final double EPS = 2.220446049250313e-16;
    /** R's clamp for the probit inverse link: qnorm(eps). */
    private static final double PROBIT_LIMIT = 8.125890664701906;

    private final Family family;
    private final Link link;
    private final boolean binomial;

    GlmFamily(Family family, Link link) {
        this.family = family;
        this.link = link;
        this.binomial = family == Family.BINOMIAL;
    }

    Family family() {
        return family;
    }

    Link link() {
        return link;
    }

    boolean binomial() {
        return binomial;
    }

    double mu(double eta) {
        switch (link) {
            case LOGIT: {
                if (eta < -30) return EPS;
                if (eta > 30) return 1 - EPS;
                return 1 / (1 + Math.exp(-eta));
            }
            case PROBIT: {
                double e = Math.max(-PROBIT_LIMIT, Math.min(PROBIT_LIMIT, eta));
                return 0.5 * Erf.erfc(-e / Math.sqrt(2));
            }
            case CLOGLOG:
                return Math.max(Math.min(-Math.expm1(-Math.exp(eta)), 1 - EPS), EPS);
            case LOG:
                return Math.max(Math.exp(eta), EPS);
            default:
                throw new IllegalStateException("link " + link);
        }
    }

    /** dmu/deta. */
    double muEta(double eta) {
        switch (link) {
            case LOGIT: {
                double e = Math.exp(-Math.abs(eta));
                return Math.max(e / ((1 + e) * (1 + e)), EPS);
            }
            case PROBIT:
                return Math.max(Math.exp(-0.5 * eta * eta) / Math.sqrt(2 * Math.PI), EPS);
            case CLOGLOG: {
                double e = Math.min(eta, 700);
                return Math.max(Math.exp(e - Math.exp(e)), EPS);
            }
            case LOG:
                return Math.max(Math.exp(eta), EPS);
            default:
                throw new IllegalStateException("link " + link);
        }
    }

    double variance(double mu) {
        return binomial ? mu * (1 - mu) : mu;
    }

    /** -2 w log p(y | mu(eta)) without the terms free of mu. */
    double kernelAt(double y, double w, double eta) {
        if (link == Link.LOGIT && eta > -30 && eta < 30) {
            // 2w[log(1 + e^eta) - y eta], stable on both sides; Math.log is an intrinsic, log1p is not
            double softplus = eta > 0 ? eta + Math.log(1 + Math.exp(-eta)) : Math.log(1 + Math.exp(eta));
            return 2 * w * (softplus - y * eta);
        }
        return kernel(y, w, mu(eta));
    }

    /** -2 w log p(y | mu) without the terms free of mu. */
    double kernel(double y, double w, double mu) {
        if (binomial) {
            double s = 0;
            if (y > 0) s += y * Math.log(mu);
            if (y < 1) s += (1 - y) * Math.log(1 - mu);
            return -2 * w * s;
        }
        double s = -mu;
        if (y > 0) s += y * Math.log(mu);
        return -2 * w * s;
    }

    /** The kernel at the saturated mean mu = y (used for R's deviance residuals). */
    double saturatedKernel(double y, double w) {
        if (binomial) {
            if (y <= 0 || y >= 1) return 0;
            return -2 * w * (y * Math.log(y) + (1 - y) * Math.log1p(-y));
        }
        return y > 0 ? -2 * w * (y * Math.log(y) - y) : 0;
    }
}
