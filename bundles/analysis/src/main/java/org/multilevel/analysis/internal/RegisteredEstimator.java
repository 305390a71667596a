package org.multilevel.analysis.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.EstimatorProperties;

/** An estimator service with the properties it was registered with. */
public record RegisteredEstimator(Estimator estimator, Map<String, Object> properties) {
    public RegisteredEstimator {
        properties = Map.copyOf(properties);
    }

    public String name() {
        Object n = properties.get(EstimatorProperties.NAME);
        return n != null ? n.toString() : estimator.name();
    }

    public int ranking() {
        Object r = properties.get("service.ranking");
        return r instanceof Integer i ? i : 0;
    }

    public List<String> families() {
        return strings(EstimatorProperties.FAMILIES);
    }

    public List<String> methods() {
        return strings(EstimatorProperties.METHODS);
    }

    public List<String> structures() {
        return strings(EstimatorProperties.STRUCTURES);
    }

    /** True when the multi-valued property holds the value (case-insensitive). */
    public boolean declares(String key, String value) {
        for (String s : strings(key)) {
            if (s.equalsIgnoreCase(value)) return true;
        }
        return false;
    }

    /** A String+ property as DS delivers it: a String, a String[] or a Collection. */
    private List<String> strings(String key) {
        Object v = properties.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof Collection<?> c) {
            for (Object o : c) out.add(String.valueOf(o));
        } else if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) out.add(String.valueOf(Array.get(v, i)));
        } else {
            for (String s : v.toString().split(",")) out.add(s.trim());
        }
        return out;
    }
}
