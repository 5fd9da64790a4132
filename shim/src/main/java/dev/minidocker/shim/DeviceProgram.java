package dev.minidocker.shim;

import java.util.ArrayList;
import java.util.List;

/**
 * The eBPF program of type BPF_PROG_TYPE_CGROUP_DEVICE that enforces a {@link DevicePolicy} on
 * cgroup v2, where the kernel asks a cgroup's device programs instead of reading devices.allow: it
 * runs on every mknod and open of a device node by a process of the cgroup, and returns 1 to allow
 * or 0 to refuse (EPERM). The program's shape is runc's and crun's: load the request into
 * registers, then one block per exception that jumps to the next block unless the request matches,
 * and the default at the end.
 *
 * <p>The request is {@code struct bpf_cgroup_dev_ctx} in r1: {@code access_type} (the device type in
 * its low 16 bits, the access bits in its high 16), {@code major}, {@code minor}, each a u32.
 */
final class DeviceProgram {
    static final int R0 = 0;
    static final int R1 = 1;
    static final int R2 = 2;
    static final int R3 = 3;
    static final int R4 = 4;
    static final int R5 = 5;

    /** Opcodes (linux/bpf_common.h, linux/bpf.h): class | operation | source. */
    static final int LDX_MEM_W = 0x61;
    static final int ALU32_AND_K = 0x54;
    static final int ALU32_RSH_K = 0x74;
    static final int ALU32_MOV_K = 0xb4;
    static final int ALU32_MOV_X = 0xbc;
    static final int JMP_JEQ_K = 0x15;
    static final int JMP_JNE_K = 0x55;
    static final int JMP_JNE_X = 0x5d;
    static final int JMP_EXIT = 0x95;

    private final List<Long> instructions = new ArrayList<>();

    private DeviceProgram() {
    }

    /** The program, each instruction a {@code struct bpf_insn} as {@code Syscalls.loadBpfProgram} takes it. */
    static long[] of(DevicePolicy policy) {
        DeviceProgram p = new DeviceProgram();
        p.emit(LDX_MEM_W, R2, R1, 0, 0);
        p.emit(ALU32_AND_K, R2, 0, 0, 0xffff);
        p.emit(LDX_MEM_W, R3, R1, 0, 0);
        p.emit(ALU32_RSH_K, R3, 0, 0, 16);
        p.emit(LDX_MEM_W, R4, R1, 4, 0);
        p.emit(LDX_MEM_W, R5, R1, 8, 0);
        for (DevicePolicy.Rule rule : policy.exceptions()) {
            p.block(rule, !policy.allowByDefault());
        }
        p.emit(ALU32_MOV_K, R0, 0, 0, policy.allowByDefault() ? 1 : 0);
        p.emit(JMP_EXIT, 0, 0, 0, 0);
        return p.instructions.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * One exception: unless the request matches it, on to the next block; else return {@code allow}.
     * An exception that allows must cover every access asked for (v1's match_exception), one that
     * refuses any of them (match_exception_partial).
     */
    private void block(DevicePolicy.Rule rule, boolean allow) {
        List<Jump> jumps = new ArrayList<>();
        jumps.add(jump(JMP_JNE_K, R2, 0, rule.type()));
        if (rule.access() != DevicePolicy.ALL_ACCESS) {
            emit(ALU32_MOV_X, R1, R3, 0, 0);
            emit(ALU32_AND_K, R1, 0, 0, rule.access());
            jumps.add(allow ? jump(JMP_JNE_X, R1, R3, 0) : jump(JMP_JEQ_K, R1, 0, 0));
        }
        if (rule.major() != DevicePolicy.ANY) {
            jumps.add(jump(JMP_JNE_K, R4, 0, (int) rule.major()));
        }
        if (rule.minor() != DevicePolicy.ANY) {
            jumps.add(jump(JMP_JNE_K, R5, 0, (int) rule.minor()));
        }
        emit(ALU32_MOV_K, R0, 0, 0, allow ? 1 : 0);
        emit(JMP_EXIT, 0, 0, 0, 0);
        int next = instructions.size();
        for (Jump j : jumps) {
            instructions.set(j.at(), instruction(j.opcode(), j.dst(), j.src(), next - j.at() - 1, j.imm()));
        }
    }

    /** A conditional jump to the next block, at index {@code at}: its offset is known once the block is. */
    private record Jump(int at, int opcode, int dst, int src, int imm) {
    }

    private Jump jump(int opcode, int dst, int src, int imm) {
        Jump j = new Jump(instructions.size(), opcode, dst, src, imm);
        emit(opcode, dst, src, 0, imm);
        return j;
    }

    private void emit(int opcode, int dst, int src, int offset, int imm) {
        instructions.add(instruction(opcode, dst, src, offset, imm));
    }

    /** {@code struct bpf_insn {u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm;}}, little-endian. */
    static long instruction(int opcode, int dst, int src, int offset, int imm) {
        return (opcode & 0xffL) | (long) (dst | src << 4) << 8 | (offset & 0xffffL) << 16 | (imm & 0xffff_ffffL) << 32;
    }
}
