# -m and --memory-swap become memory.max and memory.swap.max (swap alone on v2).
. /guest/lib.sh
out=$(minidocker run --network none --rm -m 32m --memory-swap 64m "$image" cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory.swap.max)
expect "memory.max, memory.swap.max" "$(echo $out)" "33554432 33554432"
