package org.multilevel.api.analysis;

import java.util.List;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;

/**
 * A whiteboard service that adds derived sections to every analysis it applies to. Stateless.
 */
public interface ResultContributor {
    /** Sections for this fitted model; empty when not applicable or not asked for in the request. */
    List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request);
}
