package org.multilevel.lmm.internal;

/**
 * lme4's profiled deviance: theta -> ML deviance or REML criterion, and lmerTest's deviance in the
 * variance parameters (theta, sigma) used for Satterthwaite's method.
 */
public final class ProfiledDeviance {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final RandomStructure structure;
    private final CholeskyEngine engine;
    private final boolean reml;
    private final int n;
    private final int p;

    public ProfiledDeviance(RandomStructure structure, CholeskyEngine engine, boolean reml, int n, int p) {
        this.structure = structure;
        this.engine = engine;
        this.reml = reml;
        this.n = n;
        this.p = p;
    }

    public Factorization factor(double[] theta) {
        return engine.factor(structure.lambdas(theta));
    }

    /** The criterion to minimize; +infinity where the system cannot be factored. */
    public double criterion(double[] theta) {
        Factorization f = factor(theta);
        return f == null ? Double.POSITIVE_INFINITY : criterion(f);
    }

    public double criterion(Factorization f) {
        double r2 = f.r2();
        if (reml) {
            int dfr = n - p;
            return f.ldL2() + f.ldRX2() + dfr * (1 + LOG_2PI + Math.log(r2 / dfr));
        }
        return f.ldL2() + n * (1 + LOG_2PI + Math.log(r2 / n));
    }

    /** Deviance at (theta, sigma) without profiling sigma out (lmerTest's devfun_vp). */
    public double varparDeviance(double[] theta, double sigma) {
        Factorization f = factor(theta);
        if (f == null) return Double.NaN;
        return varparDeviance(f.ldL2(), f.r2(), f.ldRX2(), sigma);
    }

    /** The same from the three quantities of the factorization at theta (sigma needs no new factorization). */
    public double varparDeviance(double ldL2, double r2, double ldRX2, double sigma) {
        double s2 = sigma * sigma;
        double dev = ldL2 + r2 / s2 + n * (LOG_2PI + Math.log(s2));
        if (reml) dev += ldRX2 - p * (LOG_2PI + Math.log(s2));
        return dev;
    }

    /** The same model's ML deviance (lme4 profiles a REML fit through its ML refit). */
    public ProfiledDeviance ml() {
        return reml ? new ProfiledDeviance(structure, engine, false, n, p) : this;
    }

    public double sigma2(Factorization f) {
        return f.r2() / (reml ? n - p : n);
    }

    public boolean reml() {
        return reml;
    }

    public int n() {
        return n;
    }

    public int p() {
        return p;
    }

    public RandomStructure structure() {
        return structure;
    }
}
