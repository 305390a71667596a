package org.multilevel.api.descriptor;

import java.util.List;
import java.util.Map;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.results.Results;

/** Runs the analyses of the registered descriptors from options a host's form gives as JSON. Stateless. */
public interface HostAnalysisService {
    /** The analyses this service can run. */
    List<AnalysisDescriptor> analyses();

    /**
     * The options checked against the analysis's descriptor and the data, with defaults filled in.
     *
     * @throws OptionException for an unknown analysis or option, a value of the wrong type or not allowed,
     *                         a variable not in the data or of a wrong measurement level, a required option missing
     */
    Map<String, Object> validate(String analysisId, String optionsJson, Dataset data);

    /** Validates the options, runs the analysis and returns its structured results. */
    Results run(String analysisId, String optionsJson, Dataset data);
}
