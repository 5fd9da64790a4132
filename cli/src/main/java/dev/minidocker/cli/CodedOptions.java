package dev.minidocker.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's model declared in code, each option bound to a field by a setter, for the commands on
 * {@code run}'s path: {@code minidocker} itself (the global options), {@code run}, and the commands
 * that share its flags ({@code create}, {@code run-command}, {@code exec}). picocli reads annotations
 * through reflection and the JDK's annotation proxies, whose classes it generates on first use, on
 * every run's way before anything else can happen. The model declared here is the same one (names,
 * labels, descriptions, arity), built without either.
 */
final class CodedOptions {
    private CodedOptions() {
    }

    /** A command whose model is declared in code: {@code userObject} is what picocli calls. */
    static CommandSpec command(Object userObject, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /** {@code --help} (with {@code -h} when {@code shortToo}) and, when {@code version}, {@code -V, --version}. */
    static void helpOptions(CommandSpec spec, boolean shortToo, boolean version) {
        spec.addOption(OptionSpec.builder(shortToo ? new String[] {"-h", "--help"} : new String[] {"--help"})
                .usageHelp(true).description("Show this help message and exit.").build());
        if (version) {
            spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                    .description("Print version information and exit.").build());
        }
    }

    /** An option without a value. */
    static OptionSpec flag(String description, Consumer<Boolean> set, String... names) {
        return OptionSpec.builder(names).type(boolean.class).description(description).setter(setter(set)).build();
    }

    /** An option with one value of {@code type}. */
    static <T> OptionSpec value(Class<T> type, String label, String description, Consumer<T> set, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).description(description).setter(setter(set))
                .build();
    }

    /** A repeatable option whose values of {@code type} go to {@code values}. */
    static <T> OptionSpec repeated(Class<T> type, String label, String description, List<T> values,
            String... names) {
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(type).paramLabel(label)
                .description(description).getter(getter(values)).setter(setter((List<T> all) -> {
                    if (all != values) {
                        values.clear();
                        values.addAll(all);
                    }
                })).build();
    }

    /** A repeatable {@code KEY=VALUE} option whose pairs go to {@code values}. */
    static OptionSpec pairs(String label, String description, Map<String, String> values, String... names) {
        return OptionSpec.builder(names).type(Map.class).auxiliaryTypes(String.class, String.class).paramLabel(label)
                .description(description).getter(getter(values)).setter(setter((Map<String, String> all) -> {
                    if (all != values) {
                        values.clear();
                        values.putAll(all);
                    }
                })).build();
    }

    /** The one positional parameter at {@code index}, required. */
    static PositionalParamSpec positional(String index, String label, Consumer<String> set) {
        return PositionalParamSpec.builder().index(index).arity("1").required(true).paramLabel(label).type(String.class)
                .setter(setter(set)).build();
    }

    /** The positional parameters from {@code index} on ("1..*"), {@code arity} of them ("0..*", "1..*"). */
    static PositionalParamSpec positionals(String index, String arity, String label, String description,
            Consumer<List<String>> set) {
        PositionalParamSpec.Builder builder = PositionalParamSpec.builder().index(index).arity(arity)
                .required(!arity.startsWith("0")).paramLabel(label).type(List.class).auxiliaryTypes(String.class)
                .setter(setter(set));
        return (description == null ? builder : builder.description(description)).build();
    }

    /**
     * A collection option's getter: picocli takes the collection from it, adds each value, and sets
     * the result, which is then that same collection (a new one only when it replaces defaults).
     */
    private static IGetter getter(Object value) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) value;
            }
        };
    }

    /**
     * Before it parses, picocli sets every option to its initial value, null for these: the field
     * keeps the one it was declared with.
     */
    private static <V> ISetter setter(Consumer<V> set) {
        return new ISetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T set(T value) {
                if (value != null) {
                    set.accept((V) value);
                }
                return null;
            }
        };
    }
}
