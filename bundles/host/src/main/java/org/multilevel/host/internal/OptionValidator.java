package org.multilevel.host.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.descriptor.AnalysisDescriptor;
import org.multilevel.api.descriptor.MeasureType;
import org.multilevel.api.descriptor.OptionDescriptor;
import org.multilevel.api.descriptor.OptionException;

/**
 * Checks options given as a JSON object against an analysis's descriptor and the data, and returns them as
 * Java values (String, Boolean, Integer, Double, List of String) in the descriptor's order, defaults filled in.
 */
public final class OptionValidator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Column names the formula language reads as one variable. */
    private static final Pattern FORMULA_NAME = Pattern.compile("[A-Za-z.][A-Za-z0-9._]*");

    private OptionValidator() {
    }

    public static Map<String, Object> validate(AnalysisDescriptor analysis, String optionsJson, Dataset data) {
        JsonNode root = parse(analysis, optionsJson);
        List<String> known = new ArrayList<>();
        for (OptionDescriptor o : analysis.options()) known.add(o.name());
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (analysis.option(name) == null) {
                throw new OptionException("unknown option '" + name + "' for " + analysis.title() + Names.suggest(name, known)
                        + (Names.suggest(name, known).isEmpty() ? " (options: " + String.join(", ", known) + ")" : ""));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionDescriptor o : analysis.options()) {
            JsonNode value = root.get(o.name());
            if (value == null || value.isNull()) {
                if (o.required()) {
                    throw new OptionException("option '" + o.name() + "' (" + o.title() + ") is required for " + analysis.title());
                }
                if (o.defaultValue() != null) out.put(o.name(), o.defaultValue());
                continue;
            }
            out.put(o.name(), value(o, value, data));
        }
        return out;
    }

    private static JsonNode parse(AnalysisDescriptor analysis, String optionsJson) {
        JsonNode root;
        try {
            root = MAPPER.readTree(optionsJson == null || optionsJson.isBlank() ? "{}" : optionsJson);
        } catch (JsonProcessingException e) {
            throw new OptionException("the options of " + analysis.title() + " are not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (!root.isObject()) {
            throw new OptionException("the options of " + analysis.title() + " must be a JSON object of option names and values");
        }
        return root;
    }

    private static Object value(OptionDescriptor o, JsonNode v, Dataset data) {
        return switch (o.type()) {
            case BOOLEAN -> {
                if (!v.isBoolean()) throw wrongType(o, "true or false", v);
                yield v.booleanValue();
            }
            case INTEGER -> {
                if (!v.isIntegralNumber() || !v.canConvertToInt()) throw wrongType(o, "a whole number", v);
                yield v.intValue();
            }
            case NUMBER -> {
                if (!v.isNumber()) throw wrongType(o, "a number", v);
                yield v.doubleValue();
            }
            case STRING, FORMULA -> {
                if (!v.isTextual()) throw wrongType(o, o.type() == org.multilevel.api.descriptor.OptionType.FORMULA ? "a formula in a string" : "a string", v);
                if (v.textValue().isBlank()) throw new OptionException("option '" + o.name() + "' is empty");
                yield v.textValue();
            }
            case ENUM -> {
                if (!v.isTextual()) throw wrongType(o, "one of " + String.join(", ", o.allowedValues()), v);
                for (String allowed : o.allowedValues()) {
                    if (allowed.equalsIgnoreCase(v.textValue().trim())) yield allowed;
                }
                throw new OptionException("option '" + o.name() + "' does not allow '" + v.textValue() + "' (allowed: "
                        + String.join(", ", o.allowedValues()) + ")" + Names.suggest(v.textValue(), o.allowedValues()));
            }
            case VARIABLE -> {
                if (!v.isTextual()) throw wrongType(o, "a variable name", v);
                yield variable(o, v.textValue(), data);
            }
            case VARIABLES -> {
                if (!v.isArray()) throw wrongType(o, "a list of variable names", v);
                List<String> names = new ArrayList<>();
                for (JsonNode e : v) {
                    if (!e.isTextual()) throw wrongType(o, "a list of variable names", e);
                    String name = variable(o, e.textValue(), data);
                    if (names.contains(name)) {
                        throw new OptionException("option '" + o.name() + "' names '" + name + "' twice");
                    }
                    names.add(name);
                }
                yield List.copyOf(names);
            }
        };
    }

    private static String variable(OptionDescriptor o, String name, Dataset data) {
        Column column = data.column(name).orElseThrow(() -> new OptionException("option '" + o.name() + "' names '" + name
                + "', which is not a column of the data" + Names.suggest(name, data.columnNames())));
        MeasureType measure = measure(column);
        boolean accepted = o.columnTypes().isEmpty() || o.columnTypes().contains(measure)
                || measure == MeasureType.NOMINAL && o.columnTypes().contains(MeasureType.ORDINAL);
        if (!accepted) {
            List<String> types = new ArrayList<>();
            for (MeasureType t : o.columnTypes()) types.add(t.name().toLowerCase(Locale.ROOT));
            throw new OptionException("option '" + o.name() + "' needs a " + String.join(" or ", types) + " variable, but '"
                    + name + "' is " + measure.name().toLowerCase(Locale.ROOT));
        }
        if (!FORMULA_NAME.matcher(name).matches()) {
            throw new OptionException("variable '" + name + "' of option '" + o.name() + "' cannot be written in a formula "
                    + "(letters, digits, '.' and '_' only): rename the column");
        }
        return name;
    }

    /** A numeric column is scale; a categorical one nominal (the data set keeps no order of levels). */
    public static MeasureType measure(Column column) {
        return column instanceof CategoricalColumn ? MeasureType.NOMINAL : MeasureType.SCALE;
    }

    private static OptionException wrongType(OptionDescriptor o, String expected, JsonNode given) {
        String kind = given.isTextual() ? "the text \"" + given.textValue() + "\"" : given.isArray() ? "a list"
                : given.isObject() ? "an object" : given.isBoolean() ? given.toString() : given.isNumber()
                ? "the number " + given : given.toString();
        return new OptionException("option '" + o.name() + "' must be " + expected + ", not " + kind);
    }
}
