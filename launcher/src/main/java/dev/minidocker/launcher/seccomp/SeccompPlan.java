package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Annotations;
import dev.minidocker.spec.Linux;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.Seccomp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's seccomp filter in its plan. The profile is resolved for this machine and the
 * container's capabilities into OCI's {@code linux.seccomp}, which {@code --dry-run} prints, and
 * compiled into a program of the store, which the {@link Annotations#SECCOMP} annotation names
 * and the shim and minidocker-enter install. A container's {@code config.json} names the program
 * only: the rules are some 13 KB of JSON that both JVMs would write and read at every run, for
 * nothing they carry out (its record keeps the profile, as Docker's does).
 */
public final class SeccompPlan {
    /** The seccomp compiler's file name, beside minidocker's jars. */
    private static final String COMPILER = "minidocker-seccomp";
    private final ProgramCache programs;
    private final Path compiler;

    private SeccompPlan(ProgramCache programs, Path compiler) {
        this.programs = programs;
        this.compiler = compiler;
    }

    /** The programs of the store at {@code storeRoot}, compiled by the minidocker-seccomp in {@code lib}. */
    public static SeccompPlan beside(Path storeRoot, Path lib) {
        Path compiler = lib.resolve(COMPILER);
        return new SeccompPlan(new ProgramCache(storeRoot, compiler), compiler);
    }

    /**
     * {@code spec} confined as {@code option} asks: its program, found in the store or compiled, or
     * for a dry run ({@code !compile}) the rules and where their program would be, compiling nothing.
     */
    public RuntimeSpec confine(RuntimeSpec spec, SeccompOption option, boolean compile) throws LaunchException {
        if (option.unconfined()) {
            return spec;
        }
        Machine machine = Machine.current();
        List<String> capabilities = spec.process().capabilities().bounding();
        byte[] json = option.json();
        byte[] inputs = compile ? inputs(machine, capabilities, json) : null;
        Path program = compile ? programs.find(inputs) : null;
        if (program != null) {
            return with(spec, null, program);
        }
        Seccomp seccomp = ProfileResolver.resolve(option.profile(json), machine, capabilities);
        if (seccomp == null) {
            return spec;
        }
        String rules = LibseccompRules.of(seccomp);
        return compile ? with(spec, null, programs.compile(rules, inputs)) : with(spec, seccomp, programs.path(rules));
    }

    /**
     * What the rules are a function of, as one text: the compiler (its size and time: a rebuild may
     * bring another libseccomp), the machine, the capabilities and the profile's bytes.
     */
    private byte[] inputs(Machine machine, List<String> capabilities, byte[] profile) throws LaunchException {
        String compiled;
        try {
            compiled = Files.size(compiler) + " " + Files.getLastModifiedTime(compiler).toMillis();
        } catch (IOException e) {
            throw new LaunchException("seccomp: no compiler " + compiler + ": " + e.getMessage(), e);
        }
        byte[] head = ("compiler " + compiled + "\narch " + machine.arch() + " " + machine.seccompArch() + "\nkernel "
                + machine.kernel() + "\ncapabilities " + String.join(",", capabilities) + "\nprofile\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] inputs = new byte[head.length + profile.length];
        System.arraycopy(head, 0, inputs, 0, head.length);
        System.arraycopy(profile, 0, inputs, head.length, profile.length);
        return inputs;
    }

    private static RuntimeSpec with(RuntimeSpec spec, Seccomp seccomp, Path program) {
        Linux l = spec.linux();
        return new RuntimeSpec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.mounts(),
                new Linux(l.namespaces(), l.uidMappings(), l.gidMappings(), l.devices(), l.resources(),
                        l.cgroupsPath(), l.sysctl(), seccomp, l.maskedPaths(), l.readonlyPaths()),
                spec.annotations()).withAnnotation(Annotations.SECCOMP, program.toString());
    }
}
