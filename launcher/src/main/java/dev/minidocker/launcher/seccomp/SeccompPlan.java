package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.SpecBuilder;
import dev.minidocker.launcher.spec.RuntimeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's seccomp filter in its plan. The profile is resolved for this machine and the
 * container's capabilities into OCI's {@code linux.seccomp}, which {@code --dry-run} prints, and
 * compiled into a program of the store, which the {@link SpecBuilder#SECCOMP} annotation names
 * and the shim and minidocker-enter install. A container's {@code config.json} names the program
 * only: the rules are some 13 KB of JSON that both JVMs would write and read at every run, for
 * nothing they carry out (its record keeps the profile, as Docker's does).
 */
public final class SeccompPlan {
    private final ProgramCache programs;
    private final Path compiler;

    /** {@code compiler}: the minidocker-seccomp binary the {@code programs} are compiled with. */
    public SeccompPlan(ProgramCache programs, Path compiler) {
        this.programs = programs;
        this.compiler = compiler;
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
        RuntimeSpec.Seccomp seccomp = ProfileResolver.resolve(option.profile(json), machine, capabilities);
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

    private static RuntimeSpec with(RuntimeSpec spec, RuntimeSpec.Seccomp seccomp, Path program) {
        RuntimeSpec.Linux l = spec.linux();
        Map<String, String> annotations = new LinkedHashMap<>(spec.annotations());
        annotations.put(SpecBuilder.SECCOMP, program.toString());
        return new RuntimeSpec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.mounts(),
                new RuntimeSpec.Linux(l.namespaces(), l.uidMappings(), l.gidMappings(), l.maskedPaths(),
                        l.readonlyPaths(), l.cgroupsPath(), seccomp),
                annotations);
    }
}
