package org.multilevel.report.internal;

import org.multilevel.api.fit.FittedModel;

/** The report's plots as inline SVG. */
public final class Plots {
    private Plots() {
    }

    public static String all(FittedModel model) {
        return "";
    }
}
