package org.multilevel.api.descriptor;

import java.util.List;

/**
 * One option of an analysis's form.
 *
 * @param defaultValue  the value used when the option is not given (String, Boolean, Integer, Double or a
 *                      list of strings), or null for none
 * @param required      whether a host must give it
 * @param allowedValues the values an ENUM option accepts (empty for other types)
 * @param columnTypes   the measurement levels a VARIABLE(S) option accepts (empty for other types)
 * @param help          one or two sentences for the host's help text
 */
public record OptionDescriptor(String name, String title, OptionType type, Object defaultValue, boolean required,
                               List<String> allowedValues, List<MeasureType> columnTypes, String help) {
    public OptionDescriptor {
        allowedValues = List.copyOf(allowedValues);
        columnTypes = List.copyOf(columnTypes);
    }
}
