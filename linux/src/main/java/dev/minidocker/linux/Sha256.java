package dev.minidocker.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the bulk of a pull (every blob and every unpacked layer is hashed). The JDK's
 * SHA-256 runs at about 60 MB/s until C2 compiles it (its CPU intrinsic is C2's only), which made
 * hashing most of a pull's CPU time; OpenSSL's libcrypto, present wherever there is an openssl,
 * runs at over 1 GB/s from the first byte. Without libcrypto the JDK's is used.
 */
public abstract sealed class Sha256 permits Sha256.Native, Sha256.Jdk {

    /** A new hash: libcrypto's when it loads, otherwise the JDK's. */
    public static Sha256 create() {
        return Native.AVAILABLE ? new Native() : new Jdk();
    }

    public abstract void update(byte[] bytes, int offset, int length);

    /** The 32-byte hash of everything updated; the hash cannot be used after. */
    public abstract byte[] digest();

    /** libcrypto's SHA256_Init/Update/Final, the byte array passed to it in place (a critical call). */
    static final class Native extends Sha256 {
        private static final MethodHandle INIT;
        private static final MethodHandle UPDATE;
        private static final MethodHandle FINAL;
        static final boolean AVAILABLE;
        /** sizeof(SHA256_CTX) is 112 bytes; room to spare. */
        private static final long CONTEXT_BYTES = 256;

        static {
            MethodHandle init = null;
            MethodHandle update = null;
            MethodHandle fin = null;
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup crypto = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
                init = linker.downcallHandle(crypto.find("SHA256_Init").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                update = linker.downcallHandle(crypto.find("SHA256_Update").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                                ValueLayout.JAVA_LONG), Linker.Option.critical(true));
                fin = linker.downcallHandle(crypto.find("SHA256_Final").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            } catch (IllegalArgumentException | IllegalCallerException | java.util.NoSuchElementException e) {
                init = null;
            }
            INIT = init;
            UPDATE = update;
            FINAL = fin;
            AVAILABLE = init != null;
        }

        // Confined: a hash is made and fed by one thread, and a shared session costs a CAS per call.
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment context = arena.allocate(CONTEXT_BYTES, 16);

        Native() {
            try {
                check((int) INIT.invokeExact(context));
            } catch (Throwable t) {
                throw failed(t);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return;
            }
            try {
                check((int) UPDATE.invokeExact(context, MemorySegment.ofArray(bytes).asSlice(offset, length),
                        (long) length));
            } catch (Throwable t) {
                throw failed(t);
            }
        }

        @Override
        public byte[] digest() {
            try {
                MemorySegment out = arena.allocate(32);
                check((int) FINAL.invokeExact(out, context));
                return out.toArray(ValueLayout.JAVA_BYTE);
            } catch (Throwable t) {
                throw failed(t);
            } finally {
                arena.close();
            }
        }

        private static void check(int result) {
            if (result != 1) {
                throw new IllegalStateException("libcrypto SHA-256 failed");
            }
        }

        private static RuntimeException failed(Throwable t) {
            return t instanceof RuntimeException r ? r : new IllegalStateException("libcrypto SHA-256: " + t, t);
        }
    }

    /** The JDK's MessageDigest. */
    static final class Jdk extends Sha256 {
        private final MessageDigest digest;

        Jdk() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public byte[] digest() {
            return digest.digest();
        }
    }
}
