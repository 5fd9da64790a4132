package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minidocker.spec.Resources.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The program instruction by instruction, in the words of runc's devicefilter_test (cilium's asm names). */
class DeviceProgramTest {
    private static final Map<Integer, String> NAMES = Map.of(0x61, "LdXMemW", 0x54, "AndImm32", 0x74, "RShImm32",
            0xb4, "MovImm32", 0xbc, "MovReg32", 0x15, "JEqImm", 0x55, "JNEImm", 0x5d, "JNEReg", 0x95, "Exit");

    private static final String PROLOGUE = """
            0: LdXMemW dst: r2 src: r1 off: 0 imm: 0
            1: AndImm32 dst: r2 src: r0 off: 0 imm: 65535
            2: LdXMemW dst: r3 src: r1 off: 0 imm: 0
            3: RShImm32 dst: r3 src: r0 off: 0 imm: 16
            4: LdXMemW dst: r4 src: r1 off: 4 imm: 0
            5: LdXMemW dst: r5 src: r1 off: 8 imm: 0
            """;

    /** Each instruction decoded from its struct bpf_insn bytes, one a line. */
    private static String listing(long[] program) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < program.length; i++) {
            long insn = program[i];
            int opcode = (int) (insn & 0xff);
            lines.add(i + ": " + NAMES.getOrDefault(opcode, "0x" + Integer.toHexString(opcode))
                    + " dst: r" + ((insn >>> 8) & 0xf) + " src: r" + ((insn >>> 12) & 0xf)
                    + " off: " + (short) (insn >>> 16) + " imm: " + (int) (insn >>> 32));
        }
        return String.join("\n", lines) + "\n";
    }

    private static DeviceRule rule(boolean allow, String type, Integer major, Integer minor, String access) {
        return new DeviceRule(allow, type, major == null ? null : major.longValue(),
                minor == null ? null : minor.longValue(), access);
    }

    private static String program(DeviceRule... rules) {
        return listing(DeviceProgram.of(DevicePolicy.of(List.of(rules))));
    }

    @Test
    void noRuleAllowsEveryDevice() {
        assertEquals(PROLOGUE + """
                6: MovImm32 dst: r0 src: r0 off: 0 imm: 1
                7: Exit dst: r0 src: r0 off: 0 imm: 0
                """, program());
    }

    @Test
    void denyAllRefusesEveryDevice() {
        assertEquals(PROLOGUE + """
                6: MovImm32 dst: r0 src: r0 off: 0 imm: 0
                7: Exit dst: r0 src: r0 off: 0 imm: 0
                """, program(rule(false, "a", null, null, "rwm")));
    }

    @Test
    void dockersDefaultsAreAnAllowListEndingInRefusal() {
        assertEquals(PROLOGUE + """
                6: JNEImm dst: r2 src: r0 off: 5 imm: 2
                7: MovReg32 dst: r1 src: r3 off: 0 imm: 0
                8: AndImm32 dst: r1 src: r0 off: 0 imm: 1
                9: JNEReg dst: r1 src: r3 off: 2 imm: 0
                10: MovImm32 dst: r0 src: r0 off: 0 imm: 1
                11: Exit dst: r0 src: r0 off: 0 imm: 0
                12: JNEImm dst: r2 src: r0 off: 5 imm: 1
                13: MovReg32 dst: r1 src: r3 off: 0 imm: 0
                14: AndImm32 dst: r1 src: r0 off: 0 imm: 1
                15: JNEReg dst: r1 src: r3 off: 2 imm: 0
                16: MovImm32 dst: r0 src: r0 off: 0 imm: 1
                17: Exit dst: r0 src: r0 off: 0 imm: 0
                18: JNEImm dst: r2 src: r0 off: 4 imm: 2
                19: JNEImm dst: r4 src: r0 off: 3 imm: 1
                20: JNEImm dst: r5 src: r0 off: 2 imm: 3
                21: MovImm32 dst: r0 src: r0 off: 0 imm: 1
                22: Exit dst: r0 src: r0 off: 0 imm: 0
                23: JNEImm dst: r2 src: r0 off: 3 imm: 2
                24: JNEImm dst: r4 src: r0 off: 2 imm: 136
                25: MovImm32 dst: r0 src: r0 off: 0 imm: 1
                26: Exit dst: r0 src: r0 off: 0 imm: 0
                27: MovImm32 dst: r0 src: r0 off: 0 imm: 0
                28: Exit dst: r0 src: r0 off: 0 imm: 0
                """, program(rule(false, "a", null, null, "rwm"), rule(true, "c", null, null, "m"),
                rule(true, "b", null, null, "m"), rule(true, "c", 1, 3, "rwm"), rule(true, "c", 136, null, "rwm")));
    }

    @Test
    void allowAllButOneDeviceIsADenyListThatMatchesAnyAccessAskedFor() {
        // runc's TestDeviceFilter_PrivilegedExceptSingleDevice, and a deny of writes only: refused when
        // any access asked for is in it (v1's match_exception_partial), so an O_RDWR open is refused too.
        assertEquals(PROLOGUE + """
                6: JNEImm dst: r2 src: r0 off: 4 imm: 1
                7: JNEImm dst: r4 src: r0 off: 3 imm: 8
                8: JNEImm dst: r5 src: r0 off: 2 imm: 0
                9: MovImm32 dst: r0 src: r0 off: 0 imm: 0
                10: Exit dst: r0 src: r0 off: 0 imm: 0
                11: JNEImm dst: r2 src: r0 off: 7 imm: 2
                12: MovReg32 dst: r1 src: r3 off: 0 imm: 0
                13: AndImm32 dst: r1 src: r0 off: 0 imm: 4
                14: JEqImm dst: r1 src: r0 off: 4 imm: 0
                15: JNEImm dst: r4 src: r0 off: 3 imm: 1
                16: JNEImm dst: r5 src: r0 off: 2 imm: 11
                17: MovImm32 dst: r0 src: r0 off: 0 imm: 0
                18: Exit dst: r0 src: r0 off: 0 imm: 0
                19: MovImm32 dst: r0 src: r0 off: 0 imm: 1
                20: Exit dst: r0 src: r0 off: 0 imm: 0
                """, program(rule(true, "a", null, null, "rwm"), rule(false, "b", 8, 0, "rwm"),
                rule(false, "c", 1, 11, "w")));
    }
}
