# The device cgroup (a BPF program on v2): mknod is allowed, but a device outside Docker's list
# does not open; --device adds one.
. /guest/lib.sh
require_run_option --device
major=$((0x$(stat -c %t /dev/vda))) minor=$((0x$(stat -c %T /dev/vda)))
out=$(minidocker run --rm "$image" sh -c "mknod /tmp/disk b $major $minor && echo made
  head -c 1 /tmp/disk >/dev/null 2>&1 && echo opened || echo refused")
expect "mknod and open of the root disk's node" "$(echo $out)" "made refused"
expect "--device /dev/vda" "$(minidocker run --rm --device /dev/vda "$image" sh -c 'head -c 1 /dev/vda >/dev/null && echo opened')" opened
