# Inside, /sys/fs/cgroup is the container's own cgroup, read-only, and nothing above it shows.
. /guest/lib.sh
out=$(minidocker run --network none --rm -m 32m "$image" sh -c '
  cat /proc/self/cgroup
  cat /sys/fs/cgroup/memory.max
  grep " /sys/fs/cgroup " /proc/mounts | cut -d" " -f3,4 | cut -d, -f1
  ls /sys/fs/cgroup/minidocker 2>/dev/null || echo no-parent
  mkdir /sys/fs/cgroup/sub 2>/dev/null || echo no-mkdir')
expect "cgroup, memory.max, mount, parent, mkdir" "$(echo $out)" "0::/ 33554432 cgroup2 ro no-parent no-mkdir"
