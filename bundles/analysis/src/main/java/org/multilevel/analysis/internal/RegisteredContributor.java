package org.multilevel.analysis.internal;

import java.util.Map;

import org.multilevel.api.analysis.ResultContributor;

/** A result contributor service with the properties it was registered with. */
record RegisteredContributor(ResultContributor contributor, Map<String, Object> properties) {
    RegisteredContributor {
        properties = Map.copyOf(properties);
    }

    int ranking() {
        Object r = properties.get("service.ranking");
        return r instanceof Integer i ? i : 0;
    }

    /** How a warning names it: its component name, else its class. */
    String label() {
        Object name = properties.get("component.name");
        String n = name != null ? name.toString() : contributor.getClass().getName();
        return "the result contributor " + n.substring(n.lastIndexOf('.') + 1);
    }
}
