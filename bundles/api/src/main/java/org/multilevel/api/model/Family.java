package org.multilevel.api.model;

import java.util.Locale;

/** Distribution of the response given the random effects. */
public enum Family {
    GAUSSIAN(Link.IDENTITY), BINOMIAL(Link.LOGIT), POISSON(Link.LOG);

    private final Link canonicalLink;

    Family(Link canonicalLink) {
        this.canonicalLink = canonicalLink;
    }

    public Link canonicalLink() {
        return canonicalLink;
    }

    /** R's name: gaussian, binomial, poisson. */
    public String rName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Family parse(String text) {
        for (Family f : values()) {
            if (f.rName().equalsIgnoreCase(text.trim())) return f;
        }
        throw new IllegalArgumentException("unknown family '" + text + "' (use gaussian, binomial or poisson)");
    }
}
