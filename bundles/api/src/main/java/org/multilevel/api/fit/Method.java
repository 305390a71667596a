package org.multilevel.api.fit;

/** Estimation method. */
public enum Method {
    REML("REML"), ML("ML"), LAPLACE("Laplace"), AGQ("AGQ");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The name used in the JSON document and on the command line. */
    public String label() {
        return label;
    }

    public static Method parse(String text) {
        for (Method m : values()) {
            if (m.label.equalsIgnoreCase(text.trim())) return m;
        }
        throw new IllegalArgumentException("unknown method '" + text + "' (use REML, ML, Laplace or AGQ)");
    }
}
