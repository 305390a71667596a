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

    /**
     * How a warning names it: its "multilevel.title" property when it has one, else its component name in
     * words ("ContrastContributor" becomes "contrast").
     */
    String label() {
        Object title = properties.get("multilevel.title");
        if (title != null) return title.toString();
        Object name = properties.get("component.name");
        String n = name != null ? name.toString() : contributor.getClass().getName();
        n = n.substring(n.lastIndexOf('.') + 1).replaceAll("(Contributor|Component)$", "");
        return n.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
