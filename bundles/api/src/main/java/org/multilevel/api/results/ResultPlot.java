package org.multilevel.api.results;

import java.util.Arrays;
import java.util.Objects;

/**
 * A plot as an SVG element (inline-able, self-contained) and a PNG image.
 *
 * @param caption what is shown, in a sentence (may be empty)
 * @param png     the PNG image, or null when not drawn
 */
public record ResultPlot(String name, String title, String caption, String svg, byte[] png) implements ResultElement {
    @Override
    public boolean equals(Object other) {
        return other instanceof ResultPlot p && Objects.equals(name, p.name) && Objects.equals(title, p.title)
                && Objects.equals(caption, p.caption) && Objects.equals(svg, p.svg) && Arrays.equals(png, p.png);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, title, caption, svg) * 31 + Arrays.hashCode(png);
    }

    @Override
    public String toString() {
        return "ResultPlot[" + name + ", " + title + ", svg " + (svg == null ? 0 : svg.length()) + " chars, png "
                + (png == null ? 0 : png.length) + " bytes]";
    }
}
