package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a seccomp profile in Docker's JSON format. Members Docker does not know are ignored, as
 * its decoder ignores them; anything it would refuse, and anything runc would refuse when it
 * loads the rules, is refused here, before a container exists, with the member's path:
 * {@code read seccomp profile p.json: syscalls[3].args[0].op: unknown operator "SCMP_CMP_IS"}.
 */
public final class ProfileReader {
    /** The actions runc passes to libseccomp (SCMP_ACT_NOTIFY needs an agent minidocker does not have). */
    static final Set<String> ACTIONS = Set.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL",
            "SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_TRAP", "SCMP_ACT_TRACE", "SCMP_ACT_LOG");
    static final Set<String> OPERATORS = Set.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
            "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");
    /** config-linux.md's architectures. */
    static final Set<String> ARCHITECTURES = Set.of("SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32",
            "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32",
            "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64",
            "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64");
    /** The kernel's MAX_ERRNO: the largest errno a filter can return. */
    private static final int MAX_ERRNO = 4095;
    /** Six arguments: index 0 to 5. */
    private static final int ARGUMENTS = 6;
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private final String source;

    private ProfileReader(String source) {
        this.source = source;
    }

    /** The profile in {@code json}; {@code source} names it in errors (a path, "Docker's default profile"). */
    public static SeccompProfile read(byte[] json, String source) throws LaunchException {
        ProfileReader reader = new ProfileReader(source);
        Object document;
        try {
            document = Json.parse(json);
        } catch (JsonException e) {
            throw reader.error("", e.getMessage());
        }
        return reader.profile(document);
    }

    private SeccompProfile profile(Object document) throws LaunchException {
        Map<?, ?> doc = object(document, "");
        String defaultAction = string(doc.get("defaultAction"), "defaultAction");
        if (defaultAction != null) {
            action(defaultAction, "defaultAction");
        }
        Long defaultErrnoRet = errno(doc.get("defaultErrnoRet"), "defaultErrnoRet");
        List<String> architectures = architectures(doc.get("architectures"), "architectures");
        List<SeccompProfile.ArchMap> archMap = new ArrayList<>();
        List<?> maps = list(doc.get("archMap"), "archMap");
        for (int i = 0; i < maps.size(); i++) {
            String at = "archMap[" + i + "]";
            Map<?, ?> m = object(maps.get(i), at);
            String arch = string(m.get("architecture"), at + ".architecture");
            if (arch == null) {
                throw error(at + ".architecture", "missing");
            }
            architecture(arch, at + ".architecture");
            archMap.add(new SeccompProfile.ArchMap(arch,
                    architectures(m.get("subArchitectures"), at + ".subArchitectures")));
        }
        if (!architectures.isEmpty() && !archMap.isEmpty()) {
            throw error("", "both 'architectures' and 'archMap' are specified in the seccomp profile, use either"
                    + " 'architectures' or 'archMap'");
        }
        for (String unsupported : List.of("flags", "listenerPath", "listenerMetadata")) {
            Object value = doc.get(unsupported);
            if (value != null && !"".equals(value) && !(value instanceof List<?> l && l.isEmpty())) {
                throw error(unsupported, "not supported by minidocker");
            }
        }
        List<SeccompProfile.Rule> rules = new ArrayList<>();
        List<?> syscalls = list(doc.get("syscalls"), "syscalls");
        for (int i = 0; i < syscalls.size(); i++) {
            rules.add(rule(syscalls.get(i), "syscalls[" + i + "]"));
        }
        if (defaultAction == null && !rules.isEmpty()) {
            throw error("defaultAction", "missing");
        }
        return new SeccompProfile(defaultAction, defaultErrnoRet, architectures, archMap, rules);
    }

    private SeccompProfile.Rule rule(Object value, String at) throws LaunchException {
        Map<?, ?> r = object(value, at);
        List<String> names = strings(r.get("names"), at + ".names");
        for (int i = 0; i < names.size(); i++) {
            syscall(names.get(i), at + ".names[" + i + "]");
        }
        String name = string(r.get("name"), at + ".name");
        if (name != null && !name.isEmpty()) {
            if (!names.isEmpty()) {
                throw error(at, "both 'name' and 'names' are specified in the seccomp profile, use either 'name'"
                        + " or 'names'");
            }
            syscall(name, at + ".name");
            names = List.of(name);
        }
        String action = string(r.get("action"), at + ".action");
        if (action == null) {
            throw error(at + ".action", "missing");
        }
        action(action, at + ".action");
        List<SeccompProfile.Condition> args = new ArrayList<>();
        List<?> conditions = list(r.get("args"), at + ".args");
        for (int i = 0; i < conditions.size(); i++) {
            args.add(condition(conditions.get(i), at + ".args[" + i + "]"));
        }
        return new SeccompProfile.Rule(names, action, errno(r.get("errnoRet"), at + ".errnoRet"), args,
                filter(r.get("includes"), at + ".includes"), filter(r.get("excludes"), at + ".excludes"));
    }

    private SeccompProfile.Condition condition(Object value, String at) throws LaunchException {
        Map<?, ?> c = object(value, at);
        long index = uint64(c.get("index"), at + ".index");
        if (index < 0 || index >= ARGUMENTS) {
            throw error(at + ".index", Long.toUnsignedString(index) + " is not an argument (0-5)");
        }
        String op = string(c.get("op"), at + ".op");
        if (op == null) {
            throw error(at + ".op", "missing");
        }
        if (!OPERATORS.contains(op)) {
            throw error(at + ".op", "unknown operator " + quoted(op));
        }
        return new SeccompProfile.Condition((int) index, uint64(c.get("value"), at + ".value"),
                uint64(c.get("valueTwo"), at + ".valueTwo"), op);
    }

    private SeccompProfile.Filter filter(Object value, String at) throws LaunchException {
        if (value == null) {
            return null;
        }
        Map<?, ?> f = object(value, at);
        return new SeccompProfile.Filter(strings(f.get("caps"), at + ".caps"), strings(f.get("arches"), at + ".arches"),
                kernel(f.get("minKernel"), at + ".minKernel"));
    }

    /** moby's form: "major.minor", each 0-255, not "0.0"; "" is none. */
    private SeccompProfile.KernelVersion kernel(Object value, String at) throws LaunchException {
        String text = string(value, at);
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!text.matches("\\d{1,3}\\.\\d{1,3}")) {
            throw error(at, "invalid kernel version " + quoted(text) + ", expected \"<kernel>.<major>\"");
        }
        int dot = text.indexOf('.');
        int major = Integer.parseInt(text.substring(0, dot));
        int minor = Integer.parseInt(text.substring(dot + 1));
        if (major > 255 || minor > 255 || (major == 0 && minor == 0)) {
            throw error(at, "invalid kernel version " + quoted(text) + ", expected \"<kernel>.<major>\"");
        }
        return new SeccompProfile.KernelVersion(major, minor);
    }

    private void syscall(String name, String at) throws LaunchException {
        if (!LibseccompRules.SYSCALL_NAME.matcher(name).matches()) {
            throw error(at, describe(name) + " is not a syscall name");
        }
    }

    private void action(String action, String at) throws LaunchException {
        if (action.equals("SCMP_ACT_NOTIFY")) {
            throw error(at, "SCMP_ACT_NOTIFY is not supported by minidocker (it needs a seccomp agent)");
        }
        if (!ACTIONS.contains(action)) {
            throw error(at, "unknown action " + quoted(action));
        }
    }

    private Long errno(Object value, String at) throws LaunchException {
        if (value == null) {
            return null;
        }
        long errno = uint64(value, at);
        if (errno < 0 || errno > MAX_ERRNO) {
            throw error(at, Long.toUnsignedString(errno) + " is not an errno (0-" + MAX_ERRNO + ")");
        }
        return errno;
    }

    private List<String> architectures(Object value, String at) throws LaunchException {
        List<String> names = strings(value, at);
        for (int i = 0; i < names.size(); i++) {
            architecture(names.get(i), at + "[" + i + "]");
        }
        return names;
    }

    private void architecture(String name, String at) throws LaunchException {
        if (!ARCHITECTURES.contains(name)) {
            throw error(at, "unknown architecture " + quoted(name));
        }
    }

    /** A JSON number from 0 to 2^64-1, as the bits of a long. */
    private long uint64(Object value, String at) throws LaunchException {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long n && n >= 0) {
            return n;
        }
        if (value instanceof BigInteger big && big.signum() >= 0 && big.compareTo(UINT64_LIMIT) < 0) {
            return big.longValue();
        }
        throw error(at, describe(value) + " is not an unsigned 64-bit integer");
    }

    private Map<?, ?> object(Object value, String at) throws LaunchException {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw error(at, "an object expected, not " + describe(value));
    }

    /** A list, empty when absent or null, as Go decodes it. */
    private List<?> list(Object value, String at) throws LaunchException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw error(at, "an array expected, not " + describe(value));
    }

    private List<String> strings(Object value, String at) throws LaunchException {
        List<?> items = list(value, at);
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s)) {
                throw error(at + "[" + i + "]", "a string expected, not " + describe(items.get(i)));
            }
            strings.add(s);
        }
        return strings;
    }

    private String string(Object value, String at) throws LaunchException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw error(at, "a string expected, not " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return quoted(s.length() > 40 ? s.substring(0, 40) + "..." : s);
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return String.valueOf(value);
    }

    /** {@code s} in quotes on one line: quotes, backslashes and control characters escaped as JSON escapes them. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private LaunchException error(String at, String detail) {
        return new LaunchException("read seccomp profile " + source + ": " + (at.isEmpty() ? "" : at + ": ") + detail);
    }
}
