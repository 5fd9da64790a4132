# --pids-limit becomes pids.max, and the kernel holds the container to it.
. /guest/lib.sh
out=$(minidocker run --network none --rm --pids-limit 4 "$image" sh -c \
  'cat /sys/fs/cgroup/pids.max; for i in 1 2 3 4 5 6; do sleep 5 & done 2>&1; wait' 2>&1 || true)
expect "pids.max" "$(echo "$out" | head -n 1)" 4
expect_in "six sleeps under --pids-limit 4" "$out" "can't fork"
