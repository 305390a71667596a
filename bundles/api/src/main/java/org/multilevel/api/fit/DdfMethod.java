package org.multilevel.api.fit;

/** Denominator degrees of freedom for t and F tests of fixed effects. */
public enum DdfMethod {
    SATTERTHWAITE("Satterthwaite", "satterthwaite"),
    KENWARD_ROGER("Kenward-Roger", "kenward-roger"),
    BETWEEN_WITHIN("between-within", "between-within"),
    RESIDUAL("residual", "residual"),
    NONE("none", "none");

    private final String label;
    private final String option;

    DdfMethod(String label, String option) {
        this.label = label;
        this.option = option;
    }

    /** The name in the JSON document. */
    public String label() {
        return label;
    }

    /** The command-line spelling. */
    public String option() {
        return option;
    }

    public static DdfMethod parse(String text) {
        String t = text.trim();
        for (DdfMethod d : values()) {
            if (d.option.equalsIgnoreCase(t) || d.label.equalsIgnoreCase(t) || d.name().equalsIgnoreCase(t)) return d;
        }
        if (t.equalsIgnoreCase("kr")) return KENWARD_ROGER;
        throw new IllegalArgumentException("unknown ddf method '" + text
                + "' (use satterthwaite, kenward-roger, between-within, residual or none)");
    }
}
