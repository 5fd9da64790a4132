package dev.minidocker.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A terminal's settings: the kernel's {@code struct termios} that TCGETS and TCSETS carry (the
 * generic layout that amd64 and arm64 share, asm-generic/termbits.h): four u32 flag words, the
 * line discipline and 19 control characters, 36 bytes, no speeds.
 */
public final class Termios {
    static final int SIZE = 4 * Integer.BYTES + 1 + 19;

    static final int IGNBRK = 0x001;
    static final int BRKINT = 0x002;
    static final int PARMRK = 0x008;
    static final int ISTRIP = 0x020;
    static final int INLCR = 0x040;
    static final int IGNCR = 0x080;
    static final int ICRNL = 0x100;
    static final int IXON = 0x400;
    static final int OPOST = 0x01;
    static final int CSIZE = 0x30;
    static final int CS8 = 0x30;
    static final int PARENB = 0x100;
    static final int ISIG = 0x01;
    static final int ICANON = 0x02;
    static final int ECHO = 0x08;
    static final int ECHONL = 0x40;
    static final int IEXTEN = 0x8000;

    /** Indexes into the control characters. */
    public static final int VINTR = 0;
    public static final int VEOF = 4;
    public static final int VTIME = 5;
    public static final int VMIN = 6;

    private static final long IFLAG = 0;
    private static final long OFLAG = 4;
    private static final long CFLAG = 8;
    private static final long LFLAG = 12;
    private static final long CC = 17;

    private final byte[] struct;

    Termios(byte[] struct) {
        if (struct.length != SIZE) {
            throw new IllegalArgumentException("struct termios has " + SIZE + " bytes, not " + struct.length);
        }
        this.struct = struct.clone();
    }

    public int inputFlags() {
        return flags(IFLAG);
    }

    public int outputFlags() {
        return flags(OFLAG);
    }

    public int controlFlags() {
        return flags(CFLAG);
    }

    public int localFlags() {
        return flags(LFLAG);
    }

    /** The control character at {@code index} ({@link #VEOF}, {@link #VMIN}, ...). */
    public int controlChar(int index) {
        return Byte.toUnsignedInt(struct[(int) CC + index]);
    }

    /**
     * These settings made raw as cfmakeraw(3) does: bytes pass one at a time, unechoed and
     * untranslated, and ^C or ^Z are bytes rather than signals.
     */
    public Termios raw() {
        byte[] copy = struct.clone();
        MemorySegment s = MemorySegment.ofArray(copy);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, IFLAG,
                inputFlags() & ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON));
        s.set(ValueLayout.JAVA_INT_UNALIGNED, OFLAG, outputFlags() & ~OPOST);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, LFLAG, localFlags() & ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN));
        s.set(ValueLayout.JAVA_INT_UNALIGNED, CFLAG, controlFlags() & ~(CSIZE | PARENB) | CS8);
        copy[(int) CC + VMIN] = 1;
        copy[(int) CC + VTIME] = 0;
        return new Termios(copy);
    }

    byte[] struct() {
        return struct.clone();
    }

    private int flags(long offset) {
        return MemorySegment.ofArray(struct).get(ValueLayout.JAVA_INT_UNALIGNED, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Termios t && Arrays.equals(struct, t.struct);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(struct);
    }

    @Override
    public String toString() {
        return String.format("Termios[iflag=%#x, oflag=%#x, cflag=%#x, lflag=%#x]",
                inputFlags(), outputFlags(), controlFlags(), localFlags());
    }
}
