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
 * How every command declares its picocli model: in code, each option bound to a field by a
 * setter. picocli would otherwise read annotations through reflection and the JDK's annotation
 * proxies, whose classes it generates at every start: the model declared here is the same one
 * (names, labels, descriptions, arity), built without them.
 *
 * <p>To add a command {@code foo}:
 * <ol>
 * <li>{@code final class FooCommand implements CodedCommand}, its options and parameters plain fields.</li>
 * <li>Its {@code spec()}: {@code CommandSpec spec = CodedOptions.command(this, "foo", "Do foo.");} then
 *     {@code spec.addOption(flag(...))}, {@code value(...)}, {@code repeated(...)}, {@code pairs(...)},
 *     {@code spec.addPositional(positional(...))} or {@code positionals(...)}; flags shared with other
 *     commands by their {@code addTo(spec)} ({@link FormatOption}, {@link StopTimeout}).</li>
 * <li>Its {@code call(Context)}: the library, the output, an {@link ExitCodes} status.</li>
 * <li>One line in {@link Main}'s table of commands: {@code .add("foo", FooCommand::new)}.</li>
 * </ol>
 */
final class CodedOptions {
    private CodedOptions() {
    }

    /** A command whose model is declared in code, with {@code -h, --help}: {@code userObject} is what picocli calls. */
    static CommandSpec command(Object userObject, String name, String description) {
        return command(userObject, name, description, "-h", "--help");
    }

    /** A command whose help option has only {@code helpNames}: {@code run}'s {@code -h} is its {@code --hostname}, as Docker's. */
    static CommandSpec command(Object userObject, String name, String description, String... helpNames) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder(helpNames).usageHelp(true).description("Show this help message and exit.")
                .build());
        return spec;
    }

    /** {@code -V, --version}: prints the spec's version. */
    static OptionSpec versionOption() {
        return OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.")
                .build();
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
                .description(description).getter(getter(values)).setter(into(values)).build();
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

    /** The one positional parameter at {@code index}, required; {@code description} may be null. */
    static PositionalParamSpec positional(String index, String label, String description, Consumer<String> set) {
        return single(index, "1", label, description, set);
    }

    /** The one positional parameter at {@code index}, which may be left out. */
    static PositionalParamSpec optionalPositional(String index, String label, Consumer<String> set) {
        return single(index, "0..1", label, null, set);
    }

    /**
     * The positional parameters from {@code index} on ("0..*", "1..*"), {@code arity} of them ("0..*",
     * "1..*"), into {@code values}; {@code description} may be null.
     */
    static PositionalParamSpec positionals(String index, String arity, String label, String description,
            List<String> values) {
        PositionalParamSpec.Builder builder = PositionalParamSpec.builder().index(index).arity(arity)
                .required(!arity.startsWith("0")).paramLabel(label).type(List.class).auxiliaryTypes(String.class)
                .getter(getter(values)).setter(into(values));
        return (description == null ? builder : builder.description(description)).build();
    }

    private static PositionalParamSpec single(String index, String arity, String label, String description,
            Consumer<String> set) {
        PositionalParamSpec.Builder builder = PositionalParamSpec.builder().index(index).arity(arity)
                .required(arity.equals("1")).paramLabel(label).type(String.class).setter(setter(set));
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

    /** A collection option's setter: {@code values} holds what picocli collected. */
    private static <T> ISetter into(List<T> values) {
        return setter((List<T> all) -> {
            if (all != values) {
                values.clear();
                values.addAll(all);
            }
        });
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
