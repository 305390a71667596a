package org.multilevel.api.model;

import java.util.Locale;

/** Link function between the mean of the response and the linear predictor. */
public enum Link {
    IDENTITY, LOGIT, PROBIT, CLOGLOG, LOG;

    public String rName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Link parse(String text) {
        for (Link l : values()) {
            if (l.rName().equalsIgnoreCase(text.trim())) return l;
        }
        throw new IllegalArgumentException("unknown link '" + text + "' (use identity, logit, probit, cloglog or log)");
    }
}
