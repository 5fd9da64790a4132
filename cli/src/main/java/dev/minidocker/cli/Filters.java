package dev.minidocker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --filter KEY=VALUE} of a list command, as Docker's: values by key (a key given twice
 * matches either value), keys the command does not know refused as the daemon refuses them.
 */
final class Filters {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Filters() {
    }

    /** {@code filters} as typed, each key one of {@code accepted}. */
    static Filters parse(List<String> filters, Set<String> accepted) throws CliException {
        Filters parsed = new Filters();
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            if (eq < 0) {
                throw new CliException("bad format of filter (expected name=value)", ExitCodes.FAILURE);
            }
            String key = filter.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!accepted.contains(key)) {
                throw new CliException("invalid filter '" + key + "'", ExitCodes.FAILURE);
            }
            parsed.values.computeIfAbsent(key, k -> new ArrayList<>()).add(filter.substring(eq + 1).strip());
        }
        return parsed;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The values given for {@code key}, none when it was not given. */
    List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    /**
     * Whether {@code labels} (a JSON map of strings, or null) have every {@code label=} filter:
     * {@code KEY} present, {@code KEY=VALUE} equal, as Docker's label filters all must match.
     */
    boolean labelsMatch(JsonNode labels) {
        for (String wanted : get("label")) {
            int eq = wanted.indexOf('=');
            String key = eq < 0 ? wanted : wanted.substring(0, eq);
            JsonNode value = labels == null ? null : labels.get(key);
            if (value == null || (eq >= 0 && !value.asText().equals(wanted.substring(eq + 1)))) {
                return false;
            }
        }
        return true;
    }

    /** A boolean filter's value ({@code dangling=true}), refused unless true or false as Docker's. */
    static boolean bool(String key, String value) throws CliException {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new CliException("invalid filter '" + key + "=" + value + "'", ExitCodes.FAILURE);
        };
    }
}
