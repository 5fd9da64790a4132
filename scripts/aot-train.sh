#!/usr/bin/env bash
# Builds the JDK's AOT caches for minidocker's two JVMs, so that they start in about half the time:
# cli.aot for the commands (trained on every command's path in one JVM: running a container from an
# image as root, planning one otherwise, then listing, inspecting, logging, stopping, removing) and
# shim.aot for the shim (trained on setting a container up,
# with pivot_root, the cgroups, the seccomp filter and exec only rehearsed; needs root for the
# namespaces). A cache is valid only for the JDK build and the jars it was made with, so the
# wrapper makes them again after every build.
# Usage: aot-train.sh JAVA LIB_DIR
set -euo pipefail
java=$1
lib=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A store holding one image, "training" (a config and a layer whose /bin/true is minidocker-enter, a
# static program that exits at once), so that the training run goes where `run` goes: picocli's run
# command, the store's records, the spec, the cgroup, the monitor, the networks, the finish.
root="$tmp/root"
config='{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"]}}'
config_hex=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
layer=sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef
mkdir -p "$root/blobs/sha256" "$root/images/sha256" "$root/layers/sha256/${layer#sha256:}/diff/bin"
cp "$lib/minidocker-enter" "$root/layers/sha256/${layer#sha256:}/diff/bin/true"
printf '%s' "$config" > "$root/blobs/sha256/$config_hex"
cat > "$root/images/sha256/$config_hex.json" <<JSON
{"id": "sha256:$config_hex", "manifestDigest": "sha256:$config_hex", "platform": {"os": "linux", "architecture": "amd64"},
 "layers": [{"blob": "$layer", "mediaType": "application/vnd.oci.image.layer.v1.tar", "blobSize": 1024, "diffId": "$layer"}], "size": 0}
JSON
cat > "$root/repositories.json" <<JSON
{"docker.io/library/training:latest": {"digest": "sha256:$config_hex", "image": "sha256:$config_hex"}}
JSON
# The same flags as the real runs: an AOT cache is refused under other GC or module settings.
# cli JVM_OPTION MAIN ARG...: MAIN with ARGs (JVM_OPTION "" for none).
cli() {
  local option=$1 main=$2
  shift 2
  "$java" ${option:+"$option"} -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 \
    -XX:+UseSerialGC -XX:-UsePerfData -Djdk.reflect.useNativeAccessorOnly=true \
    --enable-native-access=dev.minidocker.linux,com.github.luben.zstd_jni \
    -p "$lib" -m "dev.minidocker.cli/dev.minidocker.cli.$main" "$@" >/dev/null 2>&1 </dev/null || true
}
# Every command's path, in one JVM (AotTraining), as the cache is made from one process: as root
# the containers really run (their status, minidocker-enter's usage error, does not matter; it is
# the log that logs reads); otherwise runs are planned only. A first run compiles the container's
# seccomp program into the store, so that the recorded one finds it there, as every run but a
# machine's first does.
train_cli() {
  local run=(run --rm -e A=B -m 64m --pids-limit 10 training true) r="--root $root"
  if [ "${1:-}" = --dry-run ]; then
    run=(run --dry-run -e A=B -m 64m --pids-limit 10 training true)
  else
    cli "" Main --root "$root" "${run[@]}"
  fi
  cat > "$tmp/commands" <<COMMANDS
$r ${run[*]}
$r create --name trained -e A=B training true
$r start -a trained
$r wait trained
$r diff trained
$r ps
$r ps -a
$r ps -a --format json
$r ps -aq --no-trunc
$r images
$r images --format json
$r image inspect training
$r inspect trained
$r inspect -f {{.State.Status}} trained
$r logs trained
$r logs -t --tail 5 trained
$r exec trained true
$r kill trained
$r stop trained
$r rename trained renamed
$r rm -f renamed
$r network ls
$r system df
$r history training
$r version
$r info
$r --version
$r --help
$r ps --help
COMMANDS
  cli -XX:AOTCacheOutput="$tmp/cli.aot" AotTraining "$tmp/commands"
  mv -f "$tmp/cli.aot" "$lib/cli.aot"
}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
  train_cli --dry-run
  exit 0
fi
shim=$(ls "$lib"/minidocker-shim-*.jar)
linux=$(ls "$lib"/minidocker-linux-*.jar)
spec=$(ls "$lib"/minidocker-runtime-spec-*.jar)
# A container like the ones `run` makes (an overlay of an image with /etc/passwd, Docker's mounts,
# masks and capabilities, cgroups to join), set up for real in the training process's own
# namespaces but for pivot_root, the cgroups and exec, which the shim only rehearses (see
# Rehearsal): the cgroup files named here are never opened.
mkdir -p "$tmp/bundle/lower/etc" "$tmp/bundle/upper" "$tmp/bundle/work" "$tmp/bundle/rootfs"
echo 'root:x:0:0:root:/root:/bin/sh' > "$tmp/bundle/lower/etc/passwd"
echo 'root:x:0:' > "$tmp/bundle/lower/etc/group"
echo training > "$tmp/bundle/hostname"
# A seccomp program to read (installing it is rehearsed, as exec is).
printf 'default SCMP_ACT_ALLOW 0\n' | "$lib/minidocker-seccomp" > "$tmp/bundle/seccomp.bpf"
printf '127.0.0.1\tlocalhost\n' > "$tmp/bundle/hosts"
# As the launcher plans them: v1 joins by each hierarchy's tasks file, v2 by cgroup.procs.
if [ -f /sys/fs/cgroup/unified/cgroup.controllers ]; then
  # A hybrid host: the shim is born in the unified hierarchy's cgroup (its monitor clones it there).
  cgroups=v1:memory,cpu,pids,unified join="$tmp/memory/tasks:$tmp/pids/tasks"
elif [ -d /sys/fs/cgroup/memory ]; then
  cgroups=v1:memory,cpu,pids join="$tmp/memory/tasks:$tmp/pids/tasks"
else
  cgroups=v2 join="$tmp/cgroup.procs"
fi
caps='"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"'
# The root filesystem: the overlay, as run mounts it, or (where $tmp cannot hold an overlay's upper
# directory) the lower directory bound onto itself, as run-command does. With linux.resources, which
# the launcher applies and the shim only reads: a member of the spec that the training never reads
# would have its reader's method references linked at every run.
shim_config() {
  local root=$1 overlay=$2
cat > "$tmp/bundle/config.json" <<JSON
{"ociVersion": "1.2.0",
 "process": {"terminal": false, "user": {"uid": 0, "gid": 0}, "args": ["true"], "env": ["PATH=/bin", "HOSTNAME=training"],
   "cwd": "/", "capabilities": {"bounding": [$caps], "effective": [$caps], "permitted": [$caps]}},
 "root": {"path": "$root", "readonly": false},
 "hostname": "training",
 "mounts": [
   {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]},
   {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
   {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
   {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
   {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
   {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
   {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["ro", "nosuid", "noexec", "nodev"]},
   {"destination": "/etc/hostname", "type": "bind", "source": "$tmp/bundle/hostname", "options": ["rbind", "rprivate"]},
   {"destination": "/etc/hosts", "type": "bind", "source": "$tmp/bundle/hosts", "options": ["rbind", "rprivate"]}],
 "linux": {"namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}, {"type": "network"}],
   "maskedPaths": ["/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware"],
   "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
   "devices": [{"path": "/dev/training", "type": "c", "major": 1, "minor": 3, "fileMode": 438, "uid": 0, "gid": 0}],
   "resources": {"devices": [{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "access": "m"},
     {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rwm"}],
     "memory": {"limit": 67108864}, "pids": {"limit": 10}}},
 "annotations": {"org.minidocker.cgroup.procs": "$join", $overlay
   "org.minidocker.cgroup.mounts": "$cgroups", "org.minidocker.user": "0",
   "org.minidocker.seccomp.bpf": "$tmp/bundle/seccomp.bpf"}}
JSON
}
# The flags of ShimCommand, which starts the real shims.
train_shim() {
  unshare --mount --uts --ipc --pid --fork --propagation private -- "$java" -XX:AOTCacheOutput="$tmp/shim.aot" \
    -Xint -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -XX:-MaxFDLimit \
    --enable-native-access=dev.minidocker.linux -p "$shim:$linux:$spec" -m dev.minidocker.shim/dev.minidocker.shim.Shim \
    --train "$tmp/bundle" >/dev/null 2>&1
}
shim_config "$tmp/bundle/rootfs" \
  "\"org.minidocker.rootfs.overlay\": \"lowerdir=$tmp/bundle/lower,upperdir=$tmp/bundle/upper,workdir=$tmp/bundle/work\","
if ! train_shim; then
  shim_config "$tmp/bundle/lower" ""
  train_shim
fi
mv -f "$tmp/shim.aot" "$lib/shim.aot"
# On a bridge network, as runs are by default (the CNI plugins' calls, the hosts and resolv.conf
# files), but a network of the training's own: internal, so no iptables rule is made, and removed
# with its bridge afterwards; the host keeps nothing of it. Without the plugins the run fails, and
# the cache is made from what it did.
network=training-$$
cli "" network create --internal "$network"
train_cli --network "$network"
cli "" network rm "$network"
