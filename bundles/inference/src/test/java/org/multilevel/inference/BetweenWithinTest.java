package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;

class BetweenWithinTest {

    @Test
    void sleepstudyInterceptIsBetweenDaysWithin() {
        ReferenceCases.Case c = ReferenceCases.load("sleepstudy_reml");
        BetweenWithin bw = BetweenWithin.of(c.design());
        // 18 subjects - 1 between column; 180 - 2 - 17 within (as SAS DDFM=BW)
        assertArrayEquals(new double[] {17, 161}, bw.columnDf());
        assertEquals("Subject", bw.clusterFactor());
        assertEquals(17, bw.df(new double[][] {{1, 1}}));
    }

    @Test
    void hsbSchoolLevelPredictorsGetBetweenDf() {
        ReferenceCases.Case c = ReferenceCases.load("hsb_rb_reml");
        BetweenWithin bw = BetweenWithin.of(c.design());
        // (Intercept), meanses, sector are school level: 160 - 3 = 157; the rest: 7185 - 6 - 157
        assertArrayEquals(new double[] {157, 157, 7022, 157, 7022, 7022}, bw.columnDf());
        double[][] cov = new double[6][6];
        for (int j = 0; j < 6; j++) cov[j][j] = 0.01;
        ContrastTest t = bw.test(c.beta(), cov, new double[][] {{0, 0, 1, 0, 0, 0}});
        assertEquals(7022, t.denDf());
        assertEquals(c.beta()[2] / 0.1, t.statistic(), 1e-12);
    }

    @Test
    void nestedDesignUsesTheOutermostFactor() {
        ReferenceCases.Case c = ReferenceCases.load("pastes_nested_reml");
        BetweenWithin bw = BetweenWithin.of(c.design());
        assertEquals("batch", bw.clusterFactor());
        assertEquals(9, bw.betweenDf());
        assertEquals(50, bw.withinDf());
    }

    @Test
    void zeroContrastIsRefused() {
        ReferenceCases.Case c = ReferenceCases.load("sleepstudy_reml");
        BetweenWithin bw = BetweenWithin.of(c.design());
        assertThrows(MultilevelException.class, () -> bw.df(new double[][] {{0, 0}}));
    }
}
