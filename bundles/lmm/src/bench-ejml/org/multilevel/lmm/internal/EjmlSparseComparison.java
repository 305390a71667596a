package org.multilevel.lmm.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.ejml.sparse.csc.decomposition.chol.CholeskyUpLooking_DSCC;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.lmm.bench.CrossedData;
import org.multilevel.transform.internal.CenteringService;

/**
 * The evaluation of EJML 0.46.1's sparse Cholesky (CholeskyUpLooking_DSCC, the maintained Java option)
 * against this project's supernodal one, on the random-effects block Lambda'Z'Z Lambda + I of a crossed shape
 * at theta = 1. Not part of the build (it needs ejml-dsparse, which the product does not ship); compile and
 * run by hand from the worktree after a build:
 * <pre>
 * CP=bundles/lmm/target/classes:$(cat cp.txt):~/.m2/repository/org/ejml/ejml-dsparse/0.46.1/ejml-dsparse-0.46.1.jar
 * javac -d /tmp/ejmlcmp -cp $CP bundles/lmm/src/bench-ejml/org/multilevel/lmm/internal/EjmlSparseComparison.java
 * java -cp /tmp/ejmlcmp:$CP org.multilevel.lmm.internal.EjmlSparseComparison panel 1
 * </pre>
 */
public final class EjmlSparseComparison {
    public static void main(String[] args) throws Exception {
        CrossedData shape = CrossedData.parse(args[0]);
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        Path csv = Files.createTempFile("shape", ".csv");
        shape.writeCsv(csv, scale);
        var ds = new CsvDataImporter().read(csv, ImportOptions.defaults());
        Files.delete(csv);
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(shape.formula()));
        RandomStructure s = RandomStructure.of(d);
        Crossproducts cp = new Crossproducts(d, s);
        SparseSymbolic sym = new SparseSymbolic(cp);
        int nr = sym.nodes - 1;
        for (int q : cp.q) if (q != 1) throw new IllegalArgumentException("scalar random effects only");
        // A = Z'Z + I over the random nodes (theta = 1), natural order and our fill-reducing order
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(nr, nr, 0);
        for (int k = 0; k < cp.factorCount(); k++)
            for (int j = 0; j < cp.m[k]; j++) {
                int a = sym.base[k] + j;
                t.addItem(a, a, cp.zz[k][j] + 1);
                for (Crossproducts.Neighbor nb : cp.neighbors[k][j]) {
                    int b = sym.base[nb.factor()] + nb.level();
                    t.addItem(a, b, nb.block()[0]);
                    t.addItem(b, a, nb.block()[0]);
                }
            }
        DMatrixSparseCSC a = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        int[] perm = new int[nr];     // perm[new] = old
        for (int p = 0; p < nr; p++) perm[p] = sym.nodeAt[p];
        int[] inv = CommonOps_DSCC.permutationInverse(perm, nr);
        DMatrixSparseCSC ap = new DMatrixSparseCSC(nr, nr, 0);
        CommonOps_DSCC.permuteSymmetric(a, inv, ap, null);
        time("EJML up-looking, natural order", a);
        time("EJML up-looking, our minimum-degree order", ap);
        SparseCholesky ours = new SparseCholesky(cp, sym);
        double[][] lam = s.lambdas(s.initialTheta());
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            ours.factor(lam);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("ours (supernodal multifrontal, whole system with [X y]): %.1f ms, factor %,d entries%n", best / 1e6,
                sym.factorDoubles);
    }

    private static void time(String name, DMatrixSparseCSC a) {
        CholeskyUpLooking_DSCC chol = new CholeskyUpLooking_DSCC();
        long best = Long.MAX_VALUE;
        long t0 = System.nanoTime();
        if (!chol.decompose(a.copy())) throw new IllegalStateException("not positive definite");
        long first = System.nanoTime() - t0;
        chol.setStructureLocked(true);   // symbolic analysis once, numeric refactorization per theta
        for (int i = 0; i < 8; i++) {
            long t1 = System.nanoTime();
            chol.decompose(a.copy());
            best = Math.min(best, System.nanoTime() - t1);
        }
        System.out.printf("%s: first (with symbolic) %.1f ms, numeric %.1f ms, nnz(L) %,d%n", name, first / 1e6, best / 1e6,
                chol.getL().nz_length);
    }
}
