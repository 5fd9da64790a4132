package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.SpecBuilder;
import dev.minidocker.launcher.spec.RuntimeSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's seccomp filter in its plan: the profile resolved for this machine and the
 * container's capabilities, as OCI's {@code linux.seccomp} (what {@code --dry-run} and the
 * container's {@code config.json} show), and the compiled program, which the shim and
 * minidocker-enter install, named by the {@link SpecBuilder#SECCOMP} annotation.
 */
public final class SeccompPlan {
    private final ProgramCache programs;

    public SeccompPlan(ProgramCache programs) {
        this.programs = programs;
    }

    /**
     * {@code spec} confined as {@code option} asks; the program compiled unless it is cached, or,
     * without {@code compile} (a dry run), only named.
     */
    public RuntimeSpec confine(RuntimeSpec spec, SeccompOption option, boolean compile) throws LaunchException {
        if (option.unconfined()) {
            return spec;
        }
        SeccompProfile profile = option.profile() != null ? option.profile() : DefaultProfile.read();
        RuntimeSpec.Seccomp seccomp = ProfileResolver.resolve(profile, Machine.current(),
                spec.process().capabilities().bounding());
        if (seccomp == null) {
            return spec;
        }
        String rules = LibseccompRules.of(seccomp);
        return with(spec, seccomp, compile ? programs.compile(rules) : programs.path(rules));
    }

    /**
     * A planned container's spec with its program compiled again if the store no longer has it
     * (for {@code start} and {@code exec}); a spec without seccomp as it is.
     */
    public RuntimeSpec compiled(RuntimeSpec spec) throws LaunchException {
        RuntimeSpec.Seccomp seccomp = spec.linux() == null ? null : spec.linux().seccomp();
        if (seccomp == null) {
            return spec;
        }
        return with(spec, seccomp, programs.compile(LibseccompRules.of(seccomp)));
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
