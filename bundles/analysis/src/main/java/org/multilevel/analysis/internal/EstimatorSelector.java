package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.multilevel.api.analysis.NoEstimatorException;
import org.multilevel.api.fit.EstimatorProperties;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.model.DesignMatrices;

/**
 * Chooses the estimator for a model: those that declare the family, method and structure, by descending
 * service ranking, the first that does not report the model unsupported.
 */
public final class EstimatorSelector {
    private EstimatorSelector() {
    }

    public static RegisteredEstimator choose(List<RegisteredEstimator> available, DesignMatrices design,
                                             FitOptions options) {
        String family = design.spec().family().rName();
        String method = options.method().label();
        String structure = DesignStructure.of(design);
        if (available.isEmpty()) throw new NoEstimatorException("no estimator service is registered");
        List<RegisteredEstimator> candidates = new ArrayList<>(available);
        // stable sort: among equal rankings the earlier registration wins
        candidates.sort(Comparator.comparingInt(RegisteredEstimator::ranking).reversed());
        List<String> reasons = new ArrayList<>();
        for (RegisteredEstimator e : candidates) {
            if (!e.declares(EstimatorProperties.FAMILIES, family)) {
                reasons.add(e.name() + ": does not fit the " + family + " family");
            } else if (!e.declares(EstimatorProperties.METHODS, method)) {
                reasons.add(e.name() + ": does not offer " + method);
            } else if (!e.declares(EstimatorProperties.STRUCTURES, structure)) {
                reasons.add(e.name() + ": does not fit " + structure + " random effects");
            } else {
                Optional<String> why = e.estimator().unsupported(design, options);
                if (why.isEmpty()) return e;
                reasons.add(e.name() + ": " + why.get());
            }
        }
        throw new NoEstimatorException(String.join("; ", reasons));
    }
}
