package org.multilevel.lmm.internal;

/**
 * lme4's profiled deviance: theta -> ML deviance or REML criterion, and lmerTest's deviance in the
 * variance parameters (theta, sigma) used for Satterthwaite's method. With a {@link Standardization}, theta,
 * beta and the criterion are those of the original columns while every factorization is of the centred and
 * scaled ones (numerically sound whatever the predictors' location and unit).
 */
public final class ProfiledDeviance {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final RandomStructure structure;
    private final CholeskyEngine engine;
    private final boolean reml;
    private final int n;
    private final int p;
    /** Null: the engine factors the original columns. */
    private final Standardization map;
    private final RandomStructure inner;

    public ProfiledDeviance(RandomStructure structure, CholeskyEngine engine, boolean reml, int n, int p) {
        this(structure, engine, reml, n, p, null, structure);
    }

    /**
     * @param structure the original model's structure (theta's meaning)
     * @param engine    factors the standardized model, whose structure is {@code inner}
     */
    public ProfiledDeviance(RandomStructure structure, CholeskyEngine engine, boolean reml, int n, int p,
                            Standardization map, RandomStructure inner) {
        this.structure = structure;
        this.engine = engine;
        this.reml = reml;
        this.n = n;
        this.p = p;
        this.map = map;
        this.inner = inner;
    }

    /**
     * The factorization at theta (of the original columns). With a standardization, beta, R_X and its
     * inverse are mapped back; the random-effect modes u and condCov are of the internal columns.
     */
    public Factorization factor(double[] theta) {
        if (map == null) return engine.factor(structure.lambdas(theta));
        Factorization f = engine.factor(inner.lambdas(map.thetaToInner(structure, theta)));
        return f == null ? null : new Mapped(f, map, p);
    }

    /** An internal factorization (of {@link #internal()}) seen in the original columns. */
    public Factorization original(Factorization internal) {
        return map == null || internal == null ? internal : new Mapped(internal, map, p);
    }

    /** The same deviance on the internal (standardized) columns, theta of those columns. */
    public ProfiledDeviance internal() {
        return map == null ? this : new ProfiledDeviance(inner, engine, reml, n, p);
    }

    /** A factorization of the standardized columns seen in the original ones: beta = M beta~. */
    private record Mapped(Factorization f, Standardization map, int p) implements Factorization {
        @Override
        public double ldL2() {
            return f.ldL2();
        }

        @Override
        public double ldRX2() {
            return f.ldRX2() - 2 * map.logDetFixed();
        }

        @Override
        public double r2() {
            return f.r2();
        }

        @Override
        public double[] beta() {
            return Standardization.apply(map.fixed(), f.beta(), p);
        }

        @Override
        public double[][] u() {
            return f.u();
        }

        @Override
        public double[][] condCov() {
            return f.condCov();
        }

        @Override
        public double[] rxInverse() {
            return Standardization.congruence(map.fixed(), f.rxInverse(), p);
        }
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
        return reml ? new ProfiledDeviance(structure, engine, false, n, p, map, inner) : this;
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
