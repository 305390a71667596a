package org.multilevel.cli.internal;

import java.util.Locale;

/** The line shown when the JVM ran out of memory: how much it had and what to run instead. */
public final class NotEnoughMemory {
    private NotEnoughMemory() {
    }

    /** "not enough memory: 247 MB available; run with -Xmx1g (java -Xmx1g -jar multilevel.jar ...)". */
    public static String message() {
        long max = Runtime.getRuntime().maxMemory();
        long mb = max / (1024 * 1024);
        // twice the heap, in whole gigabytes: the next step a user would try
        long suggestGb = Math.max(1, (long) Math.ceil(2.0 * max / (1024.0 * 1024 * 1024)));
        return String.format(Locale.ROOT, "not enough memory: %d MB available; run with -Xmx%dg "
                + "(java -Xmx%dg -jar multilevel.jar ...) or reduce the data or the model", mb, suggestGb, suggestGb);
    }
}
