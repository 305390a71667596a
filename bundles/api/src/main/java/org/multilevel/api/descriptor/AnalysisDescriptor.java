package org.multilevel.api.descriptor;

import java.util.List;

/**
 * A host's menu entry for one analysis, registered as a service by the bundle that offers it.
 *
 * @param id       stable identifier a host passes to {@link HostAnalysisService#run}
 * @param menuPath menu path, outermost first ("Mixed Models", "Linear Mixed Model")
 * @param options  the form's options in display order
 */
public record AnalysisDescriptor(String id, String title, List<String> menuPath, List<OptionDescriptor> options) {
    public AnalysisDescriptor {
        menuPath = List.copyOf(menuPath);
        options = List.copyOf(options);
    }

    /** The option of that name, or null. */
    public OptionDescriptor option(String optionName) {
        for (OptionDescriptor o : options) if (o.name().equals(optionName)) return o;
        return null;
    }
}
