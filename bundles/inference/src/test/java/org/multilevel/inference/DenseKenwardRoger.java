package org.multilevel.inference;

import java.util.ArrayList;
import java.util.List;

import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * Test oracle: the textbook n x n computation of Kenward-Roger's adjusted covariance (Sigma, the G_r, and the
 * formulas of Kenward and Roger 1997 written out directly). Only for small n.
 */
final class DenseKenwardRoger {
    final Mat phi;
    final Mat phiA;
    final List<Mat> p = new ArrayList<>();
    final Mat w;

    DenseKenwardRoger(DesignMatrices d, List<double[][]> cov, double sigma2) {
        int n = d.rows();
        int pc = d.fixed().columns();
        Mat x = new Mat(n, pc);
        for (int i = 0; i < n; i++) for (int j = 0; j < pc; j++) x.set(i, j, d.fixed().get(i, j));
        List<Mat> g = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        for (int k = 0; k < d.random().size(); k++) {
            RandomTerm t = d.random().get(k);
            int q = t.effects();
            for (int b = 0; b < q; b++) {
                for (int a = 0; a <= b; a++) {
                    Mat gr = new Mat(n, n);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            if (t.levelOfRow()[i] != t.levelOfRow()[j]) continue;
                            double v = t.z()[i * q + a] * t.z()[j * q + b];
                            if (a != b) v += t.z()[i * q + b] * t.z()[j * q + a];
                            gr.set(i, j, v);
                        }
                    }
                    g.add(gr);
                    value.add(cov.get(k)[a][b]);
                }
            }
        }
        g.add(Mat.identity(n));
        value.add(sigma2);
        Mat sigma = new Mat(n, n);
        for (int r = 0; r < g.size(); r++) sigma = sigma.plus(g.get(r).scale(value.get(r)));
        Mat sInv = sigma.invert();
        phi = x.transpose().mult(sInv).mult(x).invert();
        int m = g.size();
        Mat[] pr = new Mat[m];
        Mat[][] qrs = new Mat[m][m];
        for (int r = 0; r < m; r++) {
            pr[r] = x.transpose().mult(sInv).mult(g.get(r)).mult(sInv).mult(x).scale(-1);
            p.add(pr[r]);
        }
        Mat info = new Mat(m, m);
        for (int r = 0; r < m; r++) {
            for (int s = 0; s < m; s++) {
                qrs[r][s] = x.transpose().mult(sInv).mult(g.get(r)).mult(sInv).mult(g.get(s)).mult(sInv).mult(x);
                double k = sInv.mult(g.get(r)).mult(sInv).mult(g.get(s)).trace();
                info.set(r, s, k - 2 * phi.mult(qrs[r][s]).trace() + phi.mult(pr[r]).mult(phi).mult(pr[s]).trace());
            }
        }
        w = info.invert().scale(2);
        Mat u = new Mat(pc, pc);
        for (int r = 0; r < m; r++) {
            for (int s = 0; s < m; s++) {
                u = u.plus(qrs[r][s].minus(pr[r].mult(phi).mult(pr[s])).scale(w.get(r, s)));
            }
        }
        phiA = phi.plus(phi.mult(u).mult(phi).scale(2));
    }
}
