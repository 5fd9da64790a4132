#!/usr/bin/env bash
# Boots a guest with Debian 12's own kernel and cgroup v2 alone, and runs minidocker's checks in it
# (checks/*.sh, see README.md here). The console goes to stdout: one "ok N NAME", "not ok N NAME:
# REASON" or "skip N NAME: REASON" line per check. Exit status 77, after a "guest: cannot run:
# REASON" line, when this machine cannot run the guest (no qemu, no such kernel package).
#
# guest.sh --store DIR --image REF [--only NAME]... [--work DIR] [--kernel PACKAGE] [--timeout SECONDS]
#   --store    a minidocker store holding REF (pulled on this machine); the guest's /var/lib/minidocker
#   --image    the image the checks run
#   --only     run this check alone (checks/NN-NAME.sh; repeatable)
#   --work     where the disk image is made (default: a temporary directory, removed after)
#   --kernel   a Debian kernel package (default: the newest linux-image-6.1.0-*-cloud-amd64 apt knows)
#   --timeout  each check's limit (default 300: a loaded host slows TCG down many times)
# Needs root, qemu-system-x86, e2fsprogs, busybox-static, and minidocker built in this checkout
# (./minidocker run once on this machine, so that its AOT caches exist: the guest uses them as made,
# its paths being this machine's).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home=$(cd "$here/../../../.." && pwd)
lib=$home/cli/target/lib
java_home=${MINIDOCKER_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/minidocker/guest
store= image= work= kernel_package= check_timeout=300 only=

while [ $# -gt 0 ]; do
  case $1 in
    --store) store=$(realpath "$2"); shift 2 ;;
    --image) image=$2; shift 2 ;;
    --only) only="$only $2"; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --kernel) kernel_package=$2; shift 2 ;;
    --timeout) check_timeout=$2; shift 2 ;;
    *) echo "guest.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$store" ] && [ -n "$image" ] || { echo "guest.sh: --store and --image are required" >&2; exit 2; }

cannot_run() {
  echo "guest: cannot run: $*"
  exit 77
}
command -v qemu-system-x86_64 >/dev/null || cannot_run "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
command -v mkfs.ext4 >/dev/null || cannot_run "mkfs.ext4 is not installed (apt-get install e2fsprogs)"
[ -x /bin/busybox ] || cannot_run "/bin/busybox is not installed (apt-get install busybox-static)"
[ -x "$lib/minidocker-monitor" ] || { echo "guest.sh: minidocker is not built in $home" >&2; exit 2; }
# The wrapper makes the AOT caches when they are older than the jars: here, not in the guest, where
# that would take minutes.
"$home/minidocker" --version >/dev/null

if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work" "$cache"

# The kernel: Debian's package unpacked (not installed) once per version, modules indexed for
# busybox's modprobe.
if [ -z "$kernel_package" ]; then
  kernel_package=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-cloud-amd64$' | cut -d' ' -f1 | sort -V | tail -n 1)
fi
[ -n "$kernel_package" ] || cannot_run "apt knows no linux-image-6.1.0-*-cloud-amd64 package (a Debian 12 source)"
kernel_version=$(apt-cache policy "$kernel_package" | awk '/Candidate:/ { print $2 }')
[ -n "$kernel_version" ] && [ "$kernel_version" != "(none)" ] || cannot_run "apt knows no version of $kernel_package"
kernel=$cache/$kernel_package-$kernel_version
if [ ! -d "$kernel" ]; then
  download=$work/kernel-download && rm -rf "$download" && mkdir "$download"
  (cd "$download" && apt-get download -q "$kernel_package=$kernel_version" >/dev/null 2>&1) \
    || { rm -rf "$download"; cannot_run "apt-get download $kernel_package=$kernel_version failed"; }
  dpkg-deb -x "$download"/*.deb "$download/root"
  release=$(ls "$download/root/lib/modules")
  busybox depmod -b "$download/root" "$release"
  # One kernel kept: the one in use.
  rm -rf "$cache"/linux-image-*
  mv "$download/root" "$kernel" && rm -rf "$download"
fi
release=$(ls "$kernel/lib/modules")
modules=$kernel/lib/modules/$release

# The initramfs: busybox, the root disk's drivers and init, as a newc cpio.
initramfs=$work/initramfs
rm -rf "$initramfs" && mkdir -p "$initramfs/bin" "$initramfs/modules"
cp /bin/busybox "$initramfs/bin/"
cp "$here/init" "$initramfs/init"
for module in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk; do
  cp "$(find "$modules/kernel/drivers" -name "$module.ko")" "$initramfs/modules/"
done
(cd "$initramfs" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) > "$work/initramfs.cpio.gz"

# The root disk: busybox, bash, the JDK and this checkout's build at this machine's paths (so that
# the AOT caches made here serve there), the libraries they load, the store and the checks.
# Hard links where the work directory allows, so that nothing large is copied.
root=$work/root
rm -rf "$root" && mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib/x86_64-linux-gnu,usr/lib64,usr/local/bin,etc,proc,sys,dev,tmp,run,root,var/lib}
for dir in bin sbin lib lib64; do ln -s "usr/$dir" "$root/$dir"; done
link_tree() {
  mkdir -p "$root$(dirname "$2")"
  cp -al "$1" "$root$2" 2>/dev/null || cp -a "$1" "$root$2"
}
cp /bin/busybox "$root/usr/bin/"
for applet in $(busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/usr/bin/$applet"
done
cp /bin/bash "$root/usr/bin/bash.tmp" && mv "$root/usr/bin/bash.tmp" "$root/usr/bin/bash"
for part in bin lib conf release; do
  link_tree "$java_home/$part" "$java_home/$part"
done
link_tree "$lib" "$lib"
link_tree "$home/minidocker" "$home/minidocker"
link_tree "$home/scripts" "$home/scripts"
ln -s "$home/minidocker" "$root/usr/local/bin/minidocker"
link_tree "$modules" "/usr/lib/modules/$release"
cp -a "$store" "$root/var/lib/minidocker"
cp -a "$here" "$root/guest"
crypto=$(ldconfig -p | awk '/libcrypto\.so\.3 .*x86-64/ { print $NF; exit }')
# Every library the JDK's, bash's and minidocker's binaries name, and libcrypto (loaded by name).
{ find "$java_home/bin" "$java_home/lib" -type f \( -perm -u+x -o -name '*.so' \); echo /bin/bash "$lib/libminidocker-syscall.so" $crypto; } \
  | xargs ldd 2>/dev/null | awk '/=> \// { print $3 }' | sort -u \
  | while read -r so; do cp -L "$so" "$root/usr/lib/x86_64-linux-gnu/"; done
[ -n "$crypto" ] && cp -L "$crypto" "$root/usr/lib/x86_64-linux-gnu/"
cp -L /lib64/ld-linux-x86-64.so.2 "$root/usr/lib64/"
# The commands' JVM maps its AOT cache at the address it was made for, not at a random one: under
# TCG, relocating the cache is much of a JVM's start-up. (The shim's JVM, which the launcher starts
# with the java binary itself, still relocates.)
guest_java=/usr/local/lib/guest-java
mkdir -p "$root$guest_java/bin"
printf '#!/bin/sh\nexec %s/bin/java -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 "$@"\n' "$java_home" \
  > "$root$guest_java/bin/java"
chmod +x "$root$guest_java/bin/java"
# The wrapper knows a JDK by its release file.
cp "$java_home/release" "$root$guest_java/release"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n' > "$root/etc/group"
cat > "$root/guest/config" <<CONFIG
image='$image'
only='$only'
GUEST_CHECK_TIMEOUT=$check_timeout
MINIDOCKER_JAVA_HOME=$guest_java
export MINIDOCKER_JAVA_HOME
CONFIG
size=$(( $(du -sm "$root" | cut -f1) + 512 ))
rm -f "$work/disk.img"
mkfs.ext4 -q -F -L guest -d "$root" "$work/disk.img" "${size}M" >/dev/null
rm -rf "$root" "$initramfs"

# TCG, not KVM: a KVM guest hangs on some hosts, and TCG runs wherever qemu does. snapshot=on: the
# disk image is never written. cgroup_no_v1=all: cgroup v2 is the only hierarchy. The guest ends
# itself after the last check; the bound is for a guest that hangs before.
checks=$(if [ -n "$only" ]; then echo $only | wc -w; else ls "$here"/checks/*.sh | wc -l; fi)
timeout -s KILL $((120 + checks * check_timeout)) qemu-system-x86_64 -accel tcg,thread=multi -cpu max -smp 2 -m 2048 \
  -nodefaults -no-user-config -display none -serial stdio -monitor none -no-reboot \
  -kernel "$kernel/boot/vmlinuz-$release" -initrd "$work/initramfs.cpio.gz" \
  -append "console=ttyS0 loglevel=1 panic=-1 cgroup_no_v1=all" \
  -drive "file=$work/disk.img,format=raw,if=virtio,snapshot=on"
