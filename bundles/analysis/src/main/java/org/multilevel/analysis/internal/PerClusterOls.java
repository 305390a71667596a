package org.multilevel.analysis.internal;

import java.util.List;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.ModelFrameBuilder;
import org.multilevel.api.model.ModelSpec;

/** Per-cluster ordinary least squares, delegated to the derived-quantities bundle. */
final class PerClusterOls {
    private final ModelFrameBuilder frames;

    PerClusterOls(ModelFrameBuilder frames) {
        this.frames = frames;
    }

    List<ResultSection> fit(Dataset data, ModelSpec model, String cluster) {
        throw new MultilevelException("per-cluster OLS is not available in this build");
    }
}
