package dev.minidocker.linux;

/** System call numbers, which differ per architecture (asm/unistd.h). */
enum Arch {
    AMD64(259, 266, 260, 268, 280, 189, 192, 195, 165, 166),
    ARM64(33, 36, 54, 53, 88, 6, 9, 12, 40, 39);

    final int mknodat;
    final int symlinkat;
    final int fchownat;
    final int fchmodat;
    final int utimensat;
    final int lsetxattr;
    final int lgetxattr;
    final int llistxattr;
    final int mount;
    final int umount2;

    Arch(int mknodat, int symlinkat, int fchownat, int fchmodat, int utimensat, int lsetxattr, int lgetxattr,
            int llistxattr, int mount, int umount2) {
        this.mknodat = mknodat;
        this.symlinkat = symlinkat;
        this.fchownat = fchownat;
        this.fchmodat = fchmodat;
        this.utimensat = utimensat;
        this.lsetxattr = lsetxattr;
        this.lgetxattr = lgetxattr;
        this.llistxattr = llistxattr;
        this.mount = mount;
        this.umount2 = umount2;
    }

    static Arch current() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> AMD64;
            case "aarch64", "arm64" -> ARM64;
            default -> throw new UnsupportedOperationException(
                    "minidocker supports amd64 and arm64, not " + System.getProperty("os.arch"));
        };
    }
}
