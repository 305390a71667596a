package org.multilevel.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.data.DataSource;

/**
 * What the model frame did with the data, for the user and the results document.
 *
 * @param source            how the data file was read, or null for data handed over in memory
 * @param readAsCategorical the model's columns that are categorical because some of their values are text
 *                          although most are numbers (R's {@code read.csv} makes them factors too)
 * @param referenceLevels   the reference (first) level of each factor among the fixed effects, by its label
 * @param centering         the centering and standardizing applied, by analysis option or formula function
 * @param warnings          plain sentences the user must see (they go to the fit's warnings)
 */
public record FrameReport(DataSource source, List<TextInNumbers> readAsCategorical,
                          Map<String, String> referenceLevels, List<AppliedCentering> centering,
                          List<String> warnings) {
    /** Nothing to report (a design built by hand). */
    public static final FrameReport NONE = new FrameReport(null, List.of(), Map.of(), List.of(), List.of());

    public FrameReport {
        readAsCategorical = List.copyOf(readAsCategorical);
        referenceLevels = Collections.unmodifiableMap(new LinkedHashMap<>(referenceLevels));
        centering = List.copyOf(centering);
        warnings = List.copyOf(warnings);
    }

    /**
     * A column read as categorical because of text among its numbers.
     *
     * @param column     the column
     * @param textValues its distinct values that are not numbers, in level order
     * @param levels     its number of levels
     */
    public record TextInNumbers(String column, List<String> textValues, int levels) {
        public TextInNumbers {
            textValues = List.copyOf(textValues);
        }
    }

    /**
     * One centering or standardizing of a variable.
     *
     * @param term      the expression as written ({@code cwc(ses, school)}), or the variable for an option
     * @param variable  the variable transformed
     * @param transform what was done
     * @param cluster   the cluster variable, or null
     * @param byOption  true for an analysis option ({@code --center}), false for a formula function
     */
    public record AppliedCentering(String term, String variable, Transform transform, String cluster,
                                   boolean byOption) {
    }
}
