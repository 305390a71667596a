package org.multilevel.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one command, parsed against the options that command knows: {@code --name value},
 * {@code --name=value} or a flag {@code --name}.
 */
final class Arguments {
    /** How an option takes values. */
    enum Kind { FLAG, SINGLE, REPEATED }

    private final String command;
    private final Map<String, List<String>> values;

    private Arguments(String command, Map<String, List<String>> values) {
        this.command = command;
        this.values = values;
    }

    static Arguments parse(String command, String[] args, int from, Map<String, Kind> known) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int i = from;
        while (i < args.length) {
            String token = args[i];
            if (!token.startsWith("--") || token.length() == 2) {
                throw new UsageException("unexpected argument '" + token + "' for " + command
                        + " (options start with --; see 'help')");
            }
            String name = token.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Kind kind = known.get(name);
            if (kind == null) {
                List<String> names = new ArrayList<>();
                for (String k : known.keySet()) names.add("--" + k);
                throw new UsageException("unknown option --" + name + " for " + command
                        + Suggestions.didYouMean("--" + name, names));
            }
            String value;
            if (kind == Kind.FLAG) {
                if (inline != null) throw new UsageException("option --" + name + " takes no value");
                value = "true";
                i++;
            } else if (inline != null) {
                value = inline;
                i++;
            } else {
                if (i + 1 >= args.length || (args[i + 1].startsWith("--") && args[i + 1].length() > 2)) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args[i + 1];
                i += 2;
            }
            List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
            if (kind == Kind.SINGLE && !list.isEmpty()) {
                throw new UsageException("option --" + name + " is given more than once");
            }
            list.add(value);
        }
        return new Arguments(command, values);
    }

    String command() {
        return command;
    }

    /** The value, or null when the option is absent. */
    String value(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.get(0);
    }

    String value(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String required(String name) {
        String v = value(name);
        if (v == null) throw new UsageException(command + " needs --" + name);
        return v;
    }

    int intValue(String name, int fallback) {
        String v = value(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** Splits "NAME=VALUE"; the message names the option. */
    static String[] pair(String option, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new UsageException("option --" + option + " needs NAME=VALUE, got '" + text + "'");
        }
        return new String[] {text.substring(0, eq).trim(), text.substring(eq + 1).trim()};
    }
}
