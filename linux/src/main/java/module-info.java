/** Linux system calls that the JDK lacks, made through one FFM handle on syscall(2). Depends on the JDK only. */
module dev.minidocker.linux {
    exports dev.minidocker.linux;
}
