# stop, kill and rm -f each leave no cgroup directory and no process.
. /guest/lib.sh
stopped=$(start_sleeper)
killed=$(start_sleeper)
removed=$(start_sleeper)
minidocker stop -t 1 "$stopped" >/dev/null
expect_no_cgroup "$stopped" "stop"
minidocker kill "$killed" >/dev/null
expect "wait after kill" "$(minidocker wait "$killed")" 137
expect_no_cgroup "$killed" "kill, wait"
minidocker rm -f "$removed" >/dev/null
expect_no_cgroup "$removed" "rm -f"
minidocker rm "$stopped" "$killed" >/dev/null
