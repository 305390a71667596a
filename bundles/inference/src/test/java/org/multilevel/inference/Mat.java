package org.multilevel.inference;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** A minimal immutable matrix wrapper for the textbook test oracle. */
final class Mat {
    final DMatrixRMaj m;

    Mat(int rows, int cols) {
        m = new DMatrixRMaj(rows, cols);
    }

    private Mat(DMatrixRMaj m) {
        this.m = m;
    }

    static Mat identity(int n) {
        return new Mat(CommonOps_DDRM.identity(n));
    }

    int getNumRows() {
        return m.numRows;
    }

    int getNumCols() {
        return m.numCols;
    }

    double get(int i, int j) {
        return m.get(i, j);
    }

    void set(int i, int j, double v) {
        m.set(i, j, v);
    }

    Mat mult(Mat b) {
        DMatrixRMaj c = new DMatrixRMaj(m.numRows, b.m.numCols);
        CommonOps_DDRM.mult(m, b.m, c);
        return new Mat(c);
    }

    Mat plus(Mat b) {
        DMatrixRMaj c = m.copy();
        CommonOps_DDRM.addEquals(c, b.m);
        return new Mat(c);
    }

    Mat minus(Mat b) {
        DMatrixRMaj c = m.copy();
        CommonOps_DDRM.subtractEquals(c, b.m);
        return new Mat(c);
    }

    Mat scale(double s) {
        DMatrixRMaj c = m.copy();
        CommonOps_DDRM.scale(s, c);
        return new Mat(c);
    }

    Mat transpose() {
        return new Mat(CommonOps_DDRM.transpose(m, null));
    }

    Mat invert() {
        DMatrixRMaj c = new DMatrixRMaj(m.numRows, m.numCols);
        if (!CommonOps_DDRM.invert(m.copy(), c)) throw new ArithmeticException("singular");
        return new Mat(c);
    }

    double trace() {
        return CommonOps_DDRM.trace(m);
    }
}
