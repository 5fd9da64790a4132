package dev.minidocker.spec;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.List;

/**
 * A seccomp filter (config-linux.md "Seccomp"): what a system call that no rule names gets
 * ({@code SCMP_ACT_ERRNO}...), the architectures it applies to ({@code SCMP_ARCH_X86_64}...), and
 * the rules.
 *
 * @param defaultErrnoRet the errno of an {@code SCMP_ACT_ERRNO} default, null for EPERM
 */
public record Seccomp(String defaultAction, Long defaultErrnoRet, List<String> architectures,
        List<Syscall> syscalls) implements JsonWritable {

    public Seccomp {
        architectures = Copies.list(architectures);
        syscalls = Copies.list(syscalls);
    }

    static Seccomp fromJson(JsonObject json) throws JsonException {
        return new Seccomp(json.string("defaultAction"), json.optionalNumber("defaultErrnoRet"),
                json.strings("architectures"), json.objects("syscalls", Syscall::fromJson));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonNull("defaultAction", defaultAction)
                .addNonNull("defaultErrnoRet", defaultErrnoRet).addNonEmpty("architectures", architectures)
                .addNonEmpty("syscalls", syscalls);
    }

    /** A rule: the system calls {@code names}, when their arguments match {@code args}, get {@code action}. */
    public record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) implements JsonWritable {
        public Syscall {
            names = Copies.list(names);
            args = Copies.list(args);
        }

        static Syscall fromJson(JsonObject json) throws JsonException {
            return new Syscall(json.strings("names"), json.string("action"), json.optionalNumber("errnoRet"),
                    json.objects("args", Arg::fromJson));
        }

        @Override
        public JsonMembers toJson() {
            return new JsonMembers().addNonEmpty("names", names).addNonNull("action", action)
                    .addNonNull("errnoRet", errnoRet).addNonEmpty("args", args);
        }
    }

    /**
     * A test of argument {@code index}: {@code op} ({@code SCMP_CMP_EQ}, {@code SCMP_CMP_MASKED_EQ}...)
     * against {@code value}, and {@code valueTwo} where the op takes two. Unsigned 64-bit numbers in
     * a long's bits; a {@code valueTwo} of 0 is not written, as Go's omitempty leaves it out.
     */
    public record Arg(int index, long value, long valueTwo, String op) implements JsonWritable {
        static Arg fromJson(JsonObject json) throws JsonException {
            return new Arg(json.integer("index"), json.unsigned("value"), json.unsigned("valueTwo"), json.string("op"));
        }

        @Override
        public JsonMembers toJson() {
            JsonMembers members = new JsonMembers().add("index", index).addUnsigned("value", value);
            if (valueTwo != 0) {
                members.addUnsigned("valueTwo", valueTwo);
            }
            return members.addNonNull("op", op);
        }
    }
}
