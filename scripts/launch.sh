# Sourced last by the minidocker commands (this checkout's wrapper, an installed bin/minidocker)
# with $java, $lib (the jars and helpers) and $aot (the JVM options naming the AOT cache, or none)
# set: runs the command, or, called as minidocker-puller, the pull stage alone.

# The command, past the global options (as Main.commandWord finds it), into $command without a
# subshell: a pull is throughput-bound (hashing every byte it takes twice, whose fast path only
# C2 compiles), every other command is start-up-bound: C1 only, and only for what runs ten times
# as often as usual (compiling was 40% of a `run --rm`'s CPU time).
command=
find_command() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --root|--insecure-registry) shift 2 ;;
      -*) shift ;;
      *) command=$1; return ;;
    esac
  done
}
find_command "$@"
case "${0##*/}" in
  minidocker-puller) main=dev.minidocker.cli.PullerMain; jit=() ;;
  *) main=dev.minidocker.cli.Main
     case "$command" in
       pull) jit=() ;;
       # Commands that read every record or a whole log loop long enough for C1 to pay.
       ps|images|logs|system|container|image|inspect) jit=(-XX:TieredStopAtLevel=1) ;;
       *) jit=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10) ;;
     esac ;;
esac

# Reflection through native accessors: the JDK's default spins a method handle class for every
# method and constructor it first calls, and picocli converts some option values by reflection on
# every command's way (Jackson, in the commands that print JSON, more). Every command is
# short-lived, so the speed of the method handles, once warm, never pays for their making. No perf
# data file for jstat to read (a file every command would make and remove in /tmp). The JVM's
# own log off: nothing but the command's output reaches the user (a cache that the JVM cannot use,
# say, is then passed over in silence), unless the caller asked for a log in JAVA_TOOL_OPTIONS.
case ${JAVA_TOOL_OPTIONS-} in
  *-Xlog*) log=() ;;
  *) log=(-Xlog:disable) ;;
esac
exec "$java" "${jit[@]}" "${aot[@]}" "${log[@]}" -XX:+UseSerialGC -XX:-UsePerfData -Djdk.reflect.useNativeAccessorOnly=true \
  --enable-native-access=dev.minidocker.linux,com.github.luben.zstd_jni \
  -p "$lib" -m "dev.minidocker.cli/$main" "$@"
