package org.multilevel.glmm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.multilevel.api.task.FitGuard;

/**
 * The weighted penalized system A = Λ'Z'WZΛ + I of one fit and PIRLS on it. The first random term (the factor
 * with the most levels) gives a block-diagonal part, one q x q block per level; the coefficients of the other
 * terms form the "rest", split into independent components (connected through shared rows or through a level
 * of the first factor), each held dense. Nested factors therefore give many tiny components, crossed factors
 * one dense block. Not thread-safe: one instance per fit.
 */
final class PenalizedSystem {
    /** PIRLS could not find the conditional modes. */
    static final class PirlsFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PirlsFailure(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_ITERATIONS = 60;

    final ModelData data;
    final GlmFamily fam;
    private final boolean logit;
    final int n;
    final int p;
    final int terms;
    final int[] q;
    final int[] levels;
    final int thetaCount;
    private final int[] thetaStart;
    final double[][] t;
    private final double[][] zt;

    // first term: block diagonal
    final int q0;
    final int l0;
    final int n0;
    // rest
    final int r;
    final int[] restOff;
    private final int[] comp;
    private final int[] local;
    final int components;
    private final int[] compSize;
    private final double[][] s;
    private final double[][] compBuf;
    // coupling first-term level j -> rest indices R_j
    private final int[] rStart;
    private final int[] rLen;
    private final int[] rIdx;
    private final int[] gStart;
    private final double[] g;
    private final int[] rowSlot;

    private final double[] b0;
    /** spherical random effects: first term levels, then rest */
    final double[] u;
    private final double[] rhs;
    private final double[] delta;
    private final double[] trialU;
    private double logDet;
    private double pwrss;

    // joint (u, beta) parts
    private final double[] a13;
    private final double[] a23;
    private final double[] a33;
    private final double[] rhsB;
    private final double[][] cols;
    private final double[] schur;
    private boolean schurValid;

    private final FitGuard guard;

    PenalizedSystem(ModelData data) {
        this(data, FitGuard.none());
    }

    /** @param guard checked before each deviance evaluation, i.e. each new θ (cancellation, estimator stopped) */
    PenalizedSystem(ModelData data, FitGuard guard) {
        this.guard = guard;
        this.data = data;
        this.fam = data.family;
        this.logit = fam.link() == org.multilevel.api.model.Link.LOGIT;
        this.n = data.n;
        this.p = data.p;
        this.terms = data.termCount();
        this.q = data.q.clone();
        this.levels = new int[terms];
        this.thetaStart = new int[terms + 1];
        for (int k = 0; k < terms; k++) {
            levels[k] = data.terms.get(k).levelCount();
            thetaStart[k + 1] = thetaStart[k] + q[k] * (q[k] + 1) / 2;
        }
        this.thetaCount = thetaStart[terms];
        this.t = new double[terms][];
        this.zt = new double[terms][];
        for (int k = 0; k < terms; k++) {
            t[k] = new double[q[k] * q[k]];
            zt[k] = new double[n * q[k]];
        }
        q0 = q[0];
        l0 = levels[0];
        n0 = q0 * l0;
        restOff = new int[terms];
        int off = 0;
        int[] nodeOff = new int[terms];
        int nodes = 0;
        for (int k = 1; k < terms; k++) {
            restOff[k] = off;
            off += q[k] * levels[k];
            nodeOff[k] = nodes;
            nodes += levels[k];
        }
        r = off;

        // components of the rest: union nodes sharing a row or a first-term level
        int[] parent = new int[nodes];
        for (int i = 0; i < nodes; i++) parent[i] = i;
        int[] firstNodeOfLevel0 = new int[l0];
        Arrays.fill(firstNodeOfLevel0, -1);
        for (int i = 0; i < n; i++) {
            int j = data.level[0][i];
            for (int k = 1; k < terms; k++) {
                int node = nodeOff[k] + data.level[k][i];
                if (firstNodeOfLevel0[j] < 0) firstNodeOfLevel0[j] = node;
                else union(parent, firstNodeOfLevel0[j], node);
            }
        }
        int[] compOfNode = new int[nodes];
        int[] rootComp = new int[nodes];
        Arrays.fill(rootComp, -1);
        int nc = 0;
        for (int v = 0; v < nodes; v++) {
            int root = find(parent, v);
            if (rootComp[root] < 0) rootComp[root] = nc++;
            compOfNode[v] = rootComp[root];
        }
        components = nc;
        compSize = new int[nc];
        comp = new int[r];
        local = new int[r];
        for (int k = 1; k < terms; k++) {
            for (int lv = 0; lv < levels[k]; lv++) {
                int c = compOfNode[nodeOff[k] + lv];
                for (int e = 0; e < q[k]; e++) {
                    int idx = restOff[k] + lv * q[k] + e;
                    comp[idx] = c;
                    local[idx] = compSize[c]++;
                }
            }
        }
        s = new double[nc][];
        compBuf = new double[nc][];
        for (int c = 0; c < nc; c++) {
            s[c] = new double[compSize[c] * compSize[c]];
            compBuf[c] = new double[compSize[c]];
        }

        // R_j: rest indices co-occurring with first-term level j, node effects consecutive
        rStart = new int[l0 + 1];
        rLen = new int[l0];
        rowSlot = new int[Math.max(terms - 1, 0) * n];
        List<List<Integer>> nodeLists = new ArrayList<>();
        List<java.util.Map<Integer, Integer>> pos = new ArrayList<>();
        for (int j = 0; j < l0; j++) {
            nodeLists.add(new ArrayList<>());
            pos.add(new java.util.HashMap<>());
        }
        for (int i = 0; i < n; i++) {
            int j = data.level[0][i];
            for (int k = 1; k < terms; k++) {
                int first = restOff[k] + data.level[k][i] * q[k];
                Integer at = pos.get(j).get(first);
                if (at == null) {
                    at = nodeLists.get(j).size();
                    pos.get(j).put(first, at);
                    for (int e = 0; e < q[k]; e++) nodeLists.get(j).add(first + e);
                }
                rowSlot[(k - 1) * n + i] = at;
            }
        }
        int total = 0;
        gStart = new int[l0 + 1];
        for (int j = 0; j < l0; j++) {
            rStart[j] = total;
            rLen[j] = nodeLists.get(j).size();
            total += rLen[j];
            gStart[j + 1] = gStart[j] + q0 * rLen[j];
        }
        rStart[l0] = total;
        rIdx = new int[total];
        for (int j = 0; j < l0; j++) {
            for (int a = 0; a < rLen[j]; a++) rIdx[rStart[j] + a] = nodeLists.get(j).get(a);
        }
        g = new double[gStart[l0]];
        b0 = new double[l0 * q0 * q0];
        u = new double[n0 + r];
        rhs = new double[n0 + r];
        delta = new double[n0 + r];
        trialU = new double[n0 + r];
        a13 = new double[n0 * p];
        a23 = new double[r * p];
        a33 = new double[p * p];
        rhsB = new double[p];
        cols = new double[p][n0 + r];
        schur = new double[p * p];
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[ra] = rb;
    }

    /** Lower bounds of θ: 0 for the diagonal of each term's factor, -inf elsewhere. */
    double[] thetaLower() {
        double[] lo = new double[thetaCount];
        for (int k = 0; k < terms; k++) {
            int idx = thetaStart[k];
            for (int col = 0; col < q[k]; col++) {
                for (int row = col; row < q[k]; row++) lo[idx++] = row == col ? 0 : Double.NEGATIVE_INFINITY;
            }
        }
        return lo;
    }

    double[] thetaInitial() {
        double[] th = new double[thetaCount];
        for (int k = 0; k < terms; k++) {
            int idx = thetaStart[k];
            for (int col = 0; col < q[k]; col++) {
                for (int row = col; row < q[k]; row++) th[idx++] = row == col ? 1 : 0;
            }
        }
        return th;
    }

    /** Sets Λ(θ) (lower-triangular T_k per term, column-major θ) and the rows of ZΛ. */
    void setTheta(double[] theta) {
        guard.check();
        for (int k = 0; k < terms; k++) {
            int qk = q[k];
            double[] tk = t[k];
            // keep the warm start's b = Λu (not u) so that PIRLS starts from the same linear predictor
            double[][] b = new double[levels[k]][];
            for (int lv = 0; lv < levels[k]; lv++) b[lv] = modes(k, lv);
            Arrays.fill(tk, 0);
            int idx = thetaStart[k];
            for (int col = 0; col < qk; col++) {
                for (int row = col; row < qk; row++) tk[row * qk + col] = theta[idx++];
            }
            for (int lv = 0; lv < levels[k]; lv++) {
                int ub = k == 0 ? lv * qk : n0 + restOff[k] + lv * qk;
                for (int a = 0; a < qk; a++) {
                    double v = b[lv][a];
                    for (int c = 0; c < a; c++) v -= tk[a * qk + c] * u[ub + c];
                    double d = tk[a * qk + a];
                    u[ub + a] = Math.abs(d) > 1e-10 ? v / d : 0;
                }
            }
            double[] zk = data.z[k];
            double[] out = zt[k];
            for (int i = 0; i < n; i++) {
                int base = i * qk;
                for (int e = 0; e < qk; e++) {
                    double sum = 0;
                    for (int f = e; f < qk; f++) sum += zk[base + f] * tk[f * qk + e];
                    out[base + e] = sum;
                }
            }
        }
    }

    private double eta(int i, double[] beta, double[] uu) {
        double e = data.offset[i];
        int xb = i * p;
        for (int c = 0; c < p; c++) e += data.x[xb + c] * beta[c];
        for (int k = 0; k < terms; k++) {
            int qk = q[k];
            int ub = k == 0 ? data.level[0][i] * qk : n0 + restOff[k] + data.level[k][i] * qk;
            double[] zk = zt[k];
            for (int f = 0; f < qk; f++) e += zk[i * qk + f] * uu[ub + f];
        }
        return e;
    }

    /** Penalized deviance kernel: Σ -2 log p(y|u) (mean-dependent part) + ‖u‖². */
    double pwrss(double[] beta, double[] uu) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += fam.kernelAt(data.y[i], data.w[i], eta(i, beta, uu));
        for (double v : uu) sum += v * v;
        return sum;
    }

    /** Fitted linear predictor of the merged rows. */
    double[] etaAll(double[] beta) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) e[i] = eta(i, beta, u);
        return e;
    }

    /** One pass over the rows: weights, A and the right-hand side at (β, u). */
    private double accumulate(double[] beta, boolean joint, double[] uu) {
        return accumulate(beta, joint, uu, null);
    }

    /**
     * With etaGiven the weights and working residuals come from that linear predictor and the right-hand side is
     * the absolute one, Λ'Z'W(z - offset - Xβ), so that A^-1 rhs is the new u (uu must then be zero).
     */
    private double accumulate(double[] beta, boolean joint, double[] uu, double[] etaGiven) {
        double kernelSum = 0;
        Arrays.fill(b0, 0);
        Arrays.fill(g, 0);
        for (double[] sc : s) Arrays.fill(sc, 0);
        Arrays.fill(rhs, 0);
        if (joint) {
            Arrays.fill(a13, 0);
            Arrays.fill(a23, 0);
            Arrays.fill(a33, 0);
            Arrays.fill(rhsB, 0);
        }
        double[] z0 = zt[0];
        int[] lev0 = data.level[0];
        for (int i = 0; i < n; i++) {
            double eta = etaGiven == null ? eta(i, beta, uu) : etaGiven[i];
            double wt, wr;
            if (logit && eta > -30 && eta < 30) {
                // canonical link: W = w mu', W * working residual = w (y - mu); one exp and one log per row
                double e = Math.exp(-Math.abs(eta));
                double d = 1 + e;
                kernelSum += 2 * data.w[i] * (Math.max(eta, 0) + Math.log(d) - data.y[i] * eta);
                double mu = eta >= 0 ? 1 / d : e / d;
                double me = e / (d * d);
                wt = data.w[i] * me;
                wr = (data.y[i] - mu) / me;
            } else {
                double mu = fam.mu(eta);
                double me = fam.muEta(eta);
                kernelSum += fam.kernel(data.y[i], data.w[i], mu);
                wt = data.w[i] * me * me / fam.variance(mu);
                wr = (data.y[i] - mu) / me;
            }
            if (etaGiven != null) {
                double fixedPart = data.offset[i];
                for (int c = 0; c < p; c++) fixedPart += data.x[i * p + c] * beta[c];
                wr += eta - fixedPart;
            }
            int j = lev0[i];
            int bb = j * q0 * q0;
            int zb = i * q0;
            for (int e = 0; e < q0; e++) {
                double we = wt * z0[zb + e];
                rhs[j * q0 + e] += we * wr;
                for (int f = 0; f <= e; f++) b0[bb + e * q0 + f] += we * z0[zb + f];
            }
            int len = rLen[j];
            for (int k = 1; k < terms; k++) {
                int qk = q[k];
                double[] zk = zt[k];
                int slot = rowSlot[(k - 1) * n + i];
                int restBase = restOff[k] + data.level[k][i] * qk;
                for (int e = 0; e < q0; e++) {
                    double we = wt * z0[zb + e];
                    int gb = gStart[j] + e * len + slot;
                    for (int f = 0; f < qk; f++) g[gb + f] += we * zk[i * qk + f];
                }
                for (int f = 0; f < qk; f++) {
                    double wf = wt * zk[i * qk + f];
                    int ia = restBase + f;
                    rhs[n0 + ia] += wf * wr;
                    double[] sc = s[comp[ia]];
                    int m = compSize[comp[ia]];
                    int la = local[ia];
                    for (int k2 = 1; k2 < terms; k2++) {
                        int qk2 = q[k2];
                        double[] zk2 = zt[k2];
                        int base2 = restOff[k2] + data.level[k2][i] * qk2;
                        for (int f2 = 0; f2 < qk2; f2++) sc[la * m + local[base2 + f2]] += wf * zk2[i * qk2 + f2];
                    }
                }
            }
            if (joint) {
                int xb = i * p;
                for (int c = 0; c < p; c++) {
                    double wx = wt * data.x[xb + c];
                    rhsB[c] += wx * wr;
                    for (int c2 = 0; c2 <= c; c2++) a33[c * p + c2] += wx * data.x[xb + c2];
                    for (int e = 0; e < q0; e++) a13[(j * q0 + e) * p + c] += wx * z0[zb + e];
                    for (int k = 1; k < terms; k++) {
                        int qk = q[k];
                        int restBase = restOff[k] + data.level[k][i] * qk;
                        for (int f = 0; f < qk; f++) a23[(restBase + f) * p + c] += wx * zt[k][i * qk + f];
                    }
                }
            }
        }
        for (int j = 0; j < l0; j++) {
            int bb = j * q0 * q0;
            for (int e = 0; e < q0; e++) {
                b0[bb + e * q0 + e] += 1;
                for (int f = 0; f < e; f++) b0[bb + f * q0 + e] = b0[bb + e * q0 + f];
            }
        }
        for (int c = 0; c < components; c++) {
            int m = compSize[c];
            for (int a = 0; a < m; a++) s[c][a * m + a] += 1;
        }
        for (int a = 0; a < uu.length; a++) {
            rhs[a] -= uu[a];
            kernelSum += uu[a] * uu[a];
        }
        if (joint) {
            for (int c = 0; c < p; c++) for (int c2 = 0; c2 < c; c2++) a33[c2 * p + c] = a33[c * p + c2];
        }
        return kernelSum;
    }

    /** Blocked Cholesky of A; sets logDet. */
    private void factor() {
        double ld = 0;
        for (int j = 0; j < l0; j++) {
            int bb = j * q0 * q0;
            if (!Chol.factor(b0, bb, q0)) throw new PirlsFailure("a block of the penalized system is not positive definite");
            ld += Chol.logDet(b0, bb, q0);
            int len = rLen[j];
            if (len == 0) continue;
            int gb = gStart[j];
            // G_j = L_j^-1 A12_j, column by column
            for (int a = 0; a < len; a++) {
                for (int e = 0; e < q0; e++) {
                    double v = g[gb + e * len + a];
                    for (int f = 0; f < e; f++) v -= b0[bb + e * q0 + f] * g[gb + f * len + a];
                    g[gb + e * len + a] = v / b0[bb + e * q0 + e];
                }
            }
            int rs = rStart[j];
            for (int a = 0; a < len; a++) {
                int ia = rIdx[rs + a];
                double[] sc = s[comp[ia]];
                int m = compSize[comp[ia]];
                int la = local[ia];
                for (int b = 0; b < len; b++) {
                    double v = 0;
                    for (int e = 0; e < q0; e++) v += g[gb + e * len + a] * g[gb + e * len + b];
                    sc[la * m + local[rIdx[rs + b]]] -= v;
                }
            }
        }
        for (int c = 0; c < components; c++) {
            if (!Chol.factor(s[c], 0, compSize[c])) throw new PirlsFailure("the penalized system is not positive definite");
            ld += Chol.logDet(s[c], 0, compSize[c]);
        }
        logDet = ld;
    }

    /** Solves A x = b in place with the current factorization. */
    void solve(double[] x) {
        for (int j = 0; j < l0; j++) Chol.forward(b0, j * q0 * q0, q0, x, j * q0);
        for (int j = 0; j < l0; j++) {
            int len = rLen[j], gb = gStart[j], rs = rStart[j];
            for (int a = 0; a < len; a++) {
                double v = 0;
                for (int e = 0; e < q0; e++) v += g[gb + e * len + a] * x[j * q0 + e];
                x[n0 + rIdx[rs + a]] -= v;
            }
        }
        for (int ia = 0; ia < r; ia++) compBuf[comp[ia]][local[ia]] = x[n0 + ia];
        for (int c = 0; c < components; c++) {
            Chol.forward(s[c], 0, compSize[c], compBuf[c], 0);
            Chol.backward(s[c], 0, compSize[c], compBuf[c], 0);
        }
        for (int ia = 0; ia < r; ia++) x[n0 + ia] = compBuf[comp[ia]][local[ia]];
        for (int j = 0; j < l0; j++) {
            int len = rLen[j], gb = gStart[j], rs = rStart[j];
            for (int e = 0; e < q0; e++) {
                double v = 0;
                for (int a = 0; a < len; a++) v += g[gb + e * len + a] * x[n0 + rIdx[rs + a]];
                x[j * q0 + e] -= v;
            }
            Chol.backward(b0, j * q0 * q0, q0, x, j * q0);
        }
    }

    /**
     * PIRLS from the current u: conditional modes given (θ, β) (joint = false), or modes and β together
     * (joint = true, β updated in place). Returns the Laplace deviance kernel ‖u‖² + Σ kernel + log|L|².
     */
    double pirls(double[] beta, boolean joint) {
        double[] u0 = u.clone();
        double[] beta0 = beta.clone();
        try {
            return pirlsFrom(beta, joint);
        } catch (PirlsFailure e) {
            // the warm start may be poor after a large change of the parameters: start again from u = 0
            boolean warm = false;
            for (double v : u0) warm |= v != 0;
            if (!warm) throw e;
            Arrays.fill(u, 0);
            System.arraycopy(beta0, 0, beta, 0, beta.length);
            return pirlsFrom(beta, joint);
        }
    }

    private double pirlsFrom(double[] beta, boolean joint) {
        double[] trialB = joint ? new double[p] : null;
        // each pass over the rows both evaluates the penalized deviance at a trial point and builds the system
        // there, so an accepted step costs one pass
        double pw = accumulate(beta, joint, u);
        if (!Double.isFinite(pw)) {
            Arrays.fill(u, 0);
            pw = accumulate(beta, joint, u);
            if (!Double.isFinite(pw)) throw new PirlsFailure("overflow");
        }
        double[] db = joint ? new double[p] : null;
        boolean finalStep = false;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            factor();
            System.arraycopy(rhs, 0, delta, 0, delta.length);
            solve(delta);
            double dec = 0;
            for (int a = 0; a < delta.length; a++) dec += rhs[a] * delta[a];
            double maxStep = 0;
            for (double d : delta) maxStep = Math.max(maxStep, Math.abs(d));
            if (joint) {
                solveJoint(db);
                for (int c = 0; c < p; c++) {
                    dec += db[c] * rhsB[c];
                    maxStep = Math.max(maxStep, Math.abs(db[c]) / (1 + Math.abs(beta[c])));
                }
            }
            if (finalStep || maxStep < 1e-11) {
                pwrss = pw;
                return pw + logDet;
            }
            // close enough for Newton's quadratic convergence: take the full step and refactor there, as
            // log|L|² depends on u to first order
            if (maxStep < 1e-7) finalStep = true;
            double step = 1;
            boolean accepted = false;
            for (int h = 0; h < 30; h++) {
                for (int a = 0; a < u.length; a++) trialU[a] = u[a] + step * delta[a];
                if (joint) for (int c = 0; c < p; c++) trialB[c] = beta[c] + step * db[c];
                double trial = accumulate(joint ? trialB : beta, joint, trialU);
                if (trial <= pw + 1e-13 * Math.abs(pw) + 1e-12) {
                    System.arraycopy(trialU, 0, u, 0, u.length);
                    if (joint) System.arraycopy(trialB, 0, beta, 0, p);
                    pw = trial;
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                if (dec < 1e-8 * (1 + Math.abs(pw))) {
                    accumulate(beta, joint, u);
                    factor();
                    pwrss = pw;
                    return pw + logDet;
                }
                throw new PirlsFailure("step halving failed to reduce the penalized deviance");
            }
        }
        throw new PirlsFailure("no convergence in " + MAX_ITERATIONS + " iterations");
    }

    private double[] eta0;

    /** Fixes the linear predictor every lme4-style PIRLS starts from (glmer's lp0: the end of stage 1). */
    void setStartingPredictor(double[] eta) {
        eta0 = eta.clone();
    }

    /**
     * glmer's Laplace deviance as lme4 evaluates it (pwrssUpdate with tolPwrss = 1e-7): IRLS for u from the fixed
     * linear predictor lp0, stopped when the relative change of the penalized deviance (deviance residuals +
     * ‖u‖²) falls below 1e-7, with log|L|² from the last factorization (made before the last step). This is a
     * smooth function slightly different from the exact Laplace approximation; its optimum and Hessian are what
     * R reports.
     */
    double pirlsLme4(double[] beta) {
        double tol = 1e-7;
        double sat = data.saturatedKernel;
        double[] zero = new double[u.length];
        accumulate(beta, false, zero, eta0);
        factor();
        System.arraycopy(rhs, 0, u, 0, u.length);
        solve(u);
        double pw = accumulate(beta, false, u);
        if (!Double.isFinite(pw)) throw new PirlsFailure("overflow");
        for (int it = 1; it < MAX_ITERATIONS; it++) {
            factor();
            double ldPrev = logDet;
            System.arraycopy(rhs, 0, delta, 0, delta.length);
            solve(delta);
            double step = 1;
            double trial = Double.NaN;
            for (int h = 0; h < 20; h++) {
                for (int a = 0; a < u.length; a++) trialU[a] = u[a] + step * delta[a];
                trial = accumulate(beta, false, trialU);
                if (trial <= pw || h == 19) break;
                step /= 2;
            }
            if (!(trial <= pw + tol * Math.abs(pw - sat))) throw new PirlsFailure("step halving failed to reduce the penalized deviance");
            System.arraycopy(trialU, 0, u, 0, u.length);
            double change = Math.abs((pw - trial) / (trial - sat));
            pw = trial;
            if (change < tol) {
                pwrss = pw;
                logDet = ldPrev;
                return pw + ldPrev;
            }
        }
        throw new PirlsFailure("no convergence in " + MAX_ITERATIONS + " iterations");
    }

    /**
     * With A factored and rhs/delta = A^-1 rhs set, eliminates u from the joint system: δβ into db and the
     * u part of delta corrected; keeps the Schur complement (R_X'R_X) for the RX-based covariance.
     */
    private void solveJoint(double[] db) {
        for (int c = 0; c < p; c++) {
            double[] col = cols[c];
            for (int a = 0; a < n0; a++) col[a] = a13[a * p + c];
            for (int a = 0; a < r; a++) col[n0 + a] = a23[a * p + c];
            solve(col);
        }
        for (int c = 0; c < p; c++) {
            for (int c2 = 0; c2 < p; c2++) {
                double v = a33[c * p + c2];
                double[] col = cols[c2];
                for (int a = 0; a < n0; a++) v -= a13[a * p + c] * col[a];
                for (int a = 0; a < r; a++) v -= a23[a * p + c] * col[n0 + a];
                schur[c * p + c2] = v;
            }
            double v = rhsB[c];
            for (int a = 0; a < n0; a++) v -= a13[a * p + c] * delta[a];
            for (int a = 0; a < r; a++) v -= a23[a * p + c] * delta[n0 + a];
            db[c] = v;
        }
        double[] lx = schur.clone();
        if (!Chol.factor(lx, 0, p)) {
            schurValid = false;
            throw new PirlsFailure("the fixed-effects columns are collinear given the random effects");
        }
        schurValid = true;
        Chol.forward(lx, 0, p, db, 0);
        Chol.backward(lx, 0, p, db, 0);
        for (int a = 0; a < delta.length; a++) {
            double v = 0;
            for (int c = 0; c < p; c++) v += cols[c][a] * db[c];
            delta[a] -= v;
        }
    }

    /** R_X'R_X from the last joint PIRLS iteration: the Fisher information of β (inverse = RX-based vcov). */
    double[] fixedInformation() {
        return schurValid ? schur.clone() : null;
    }

    double logDet() {
        return logDet;
    }

    double lastPwrss() {
        return pwrss;
    }

    /** Diagonal of A from the current factorization, first term only (for AGQ with one scalar effect). */
    double firstBlockPrecision(int level) {
        double l = b0[level * q0 * q0];
        return l * l;
    }

    /**
     * Conditional covariances of b = Λu per term and level (q_k x q_k row-major), from the current factorization:
     * Λ A^-1 Λ' blockwise.
     */
    double[][][] conditionalCovariances() {
        double[][] sInv = new double[components][];
        for (int c = 0; c < components; c++) sInv[c] = Chol.inverse(s[c], 0, compSize[c]);
        double[][][] out = new double[terms][][];
        out[0] = new double[l0][];
        for (int j = 0; j < l0; j++) {
            int len = rLen[j], gb = gStart[j], rs = rStart[j];
            double[] h = new double[q0 * q0];
            for (int e = 0; e < q0; e++) h[e * q0 + e] = 1;
            for (int a = 0; a < len; a++) {
                int ia = rIdx[rs + a];
                for (int b = 0; b < len; b++) {
                    int ib = rIdx[rs + b];
                    if (comp[ia] != comp[ib]) continue;
                    double v = sInv[comp[ia]][local[ia] * compSize[comp[ia]] + local[ib]];
                    for (int e = 0; e < q0; e++) {
                        for (int f = 0; f < q0; f++) h[e * q0 + f] += g[gb + e * len + a] * v * g[gb + f * len + b];
                    }
                }
            }
            // V = L^-T H L^-1
            double[] lInv = new double[q0 * q0];
            for (int c = 0; c < q0; c++) {
                double[] e = new double[q0];
                e[c] = 1;
                Chol.forward(b0, j * q0 * q0, q0, e, 0);
                for (int a = 0; a < q0; a++) lInv[a * q0 + c] = e[a];
            }
            double[] v = new double[q0 * q0];
            for (int a = 0; a < q0; a++) {
                for (int b = 0; b < q0; b++) {
                    double sum = 0;
                    for (int c = 0; c < q0; c++) for (int d = 0; d < q0; d++) sum += lInv[c * q0 + a] * h[c * q0 + d] * lInv[d * q0 + b];
                    v[a * q0 + b] = sum;
                }
            }
            out[0][j] = sandwich(t[0], v, q0);
        }
        for (int k = 1; k < terms; k++) {
            out[k] = new double[levels[k]][];
            int qk = q[k];
            for (int lv = 0; lv < levels[k]; lv++) {
                double[] v = new double[qk * qk];
                int base = restOff[k] + lv * qk;
                for (int a = 0; a < qk; a++) {
                    for (int b = 0; b < qk; b++) {
                        int ia = base + a, ib = base + b;
                        v[a * qk + b] = sInv[comp[ia]][local[ia] * compSize[comp[ia]] + local[ib]];
                    }
                }
                out[k][lv] = sandwich(t[k], v, qk);
            }
        }
        return out;
    }

    private static double[] sandwich(double[] tk, double[] v, int qk) {
        double[] out = new double[qk * qk];
        for (int a = 0; a < qk; a++) {
            for (int b = 0; b < qk; b++) {
                double sum = 0;
                for (int c = 0; c < qk; c++) for (int d = 0; d < qk; d++) sum += tk[a * qk + c] * v[c * qk + d] * tk[b * qk + d];
                out[a * qk + b] = sum;
            }
        }
        return out;
    }

    /** b = Λu for term k, level lv. */
    double[] modes(int k, int lv) {
        int qk = q[k];
        int ub = k == 0 ? lv * qk : n0 + restOff[k] + lv * qk;
        double[] b = new double[qk];
        for (int a = 0; a < qk; a++) {
            double sum = 0;
            for (int c = 0; c <= a; c++) sum += t[k][a * qk + c] * u[ub + c];
            b[a] = sum;
        }
        return b;
    }

    /** Rows of ZΛ for term k (merged rows). */
    double[] zLambda(int k) {
        return zt[k];
    }
}
