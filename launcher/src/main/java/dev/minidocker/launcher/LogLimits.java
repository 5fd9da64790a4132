package dev.minidocker.launcher;

import dev.minidocker.store.container.ContainerRecord.LogConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the monitor is told about a container's log: none, or Docker's json-file bounded by
 * {@code max-size} (the current file rotates once it has that many bytes) and {@code max-file}
 * (files kept, the current one included).
 *
 * @param maxSize bytes, 0 for no bound
 */
public record LogLimits(boolean enabled, long maxSize, int maxFiles) {
    public static final String JSON_FILE = "json-file";
    public static final String NONE = "none";
    /** Bounded by default, as Docker recommends configuring it, so a chatty container cannot fill the disk. */
    static final Map<String, String> DEFAULTS = Map.of("max-size", "10m", "max-file", "3");

    /**
     * The log configuration a container is created with: {@code --log-driver} (json-file when
     * null) and {@code --log-opt key=value}s over the defaults, checked as Docker's driver checks them.
     */
    public static LogConfig config(String driver, Map<String, String> opts) throws LaunchException {
        String type = driver == null || driver.isEmpty() ? JSON_FILE : driver;
        if (!type.equals(JSON_FILE) && !type.equals(NONE)) {
            throw new LaunchException("failed to create task for container: logger: no log driver named '" + type
                    + "' is registered (minidocker has json-file and none)");
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (type.equals(JSON_FILE)) {
            config.putAll(DEFAULTS);
        } else if (!opts.isEmpty()) {
            throw new LaunchException("unknown log opt '" + opts.keySet().iterator().next() + "' for none log driver");
        }
        config.putAll(opts);
        LogConfig result = new LogConfig(type, config);
        of(result);
        return result;
    }

    /** What a container gets when nothing is asked: json-file, 10m, 3 files. */
    public static LogConfig defaults() {
        return new LogConfig(JSON_FILE, DEFAULTS);
    }

    /** The limits of a container's configuration; a record without one (made before logs existed) gets the defaults. */
    public static LogLimits of(LogConfig config) throws LaunchException {
        if (config == null) {
            return of(defaults());
        }
        if (config.type().equals(NONE)) {
            return new LogLimits(false, 0, 1);
        }
        long maxSize = 0;
        int maxFiles = 1;
        for (var opt : config.config().entrySet()) {
            switch (opt.getKey()) {
                case "max-size" -> maxSize = opt.getValue().equals("-1") ? 0 : size(opt.getValue());
                case "max-file" -> maxFiles = files(opt.getValue());
                default -> throw new LaunchException("unknown log opt '" + opt.getKey() + "' for json-file log driver");
            }
        }
        if (maxFiles > 1 && maxSize == 0) {
            // Docker's own check: rotation needs a size to rotate at.
            throw new LaunchException("max-file cannot be greater than 1 when max-size is not set");
        }
        return new LogLimits(true, maxSize, maxFiles);
    }

    /** Docker's RAMInBytes: a number with an optional k, m, g, t (or kb, mib...) suffix, powers of 1024. */
    static long size(String text) throws LaunchException {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        String unit = s.substring(end).replaceFirst("i?b$", "");
        int shift = switch (unit) {
            case "" -> 0;
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> -1;
        };
        try {
            double value = Double.parseDouble(s.substring(0, end));
            if (shift < 0 || value <= 0 || end == 0) {
                throw new NumberFormatException();
            }
            return (long) (value * (1L << shift));
        } catch (NumberFormatException e) {
            throw new LaunchException("invalid log opt max-size: invalid size: '" + text + "'");
        }
    }

    private static int files(String text) throws LaunchException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1) {
                throw new LaunchException("max-file cannot be less than 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LaunchException("invalid log opt max-file: '" + text + "' is not a number");
        }
    }
}
