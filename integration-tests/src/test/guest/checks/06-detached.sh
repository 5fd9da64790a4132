# A detached container: its monitor waits for it outside its cgroup, its process 1 inside.
. /guest/lib.sh
id=$(start_sleeper -m 64m)
state=$(inspect "$id" '{{.State.Running}} {{.State.Pid}}')
expect "State.Running" "${state% *}" true
pid=${state#* }
monitor=$(grep -o '"monitorPid" *: *[0-9]*' "$store/containers/$id/container.json" | grep -o '[0-9]*$')
expect "the parent of process 1" "$(awk '/^PPid:/ { print $2 }' /proc/$pid/status)" "$monitor"
expect "the monitor's command" "$(tr '\0' ' ' < /proc/$monitor/cmdline | cut -d' ' -f1)" "$(dirname "$(readlink -f "$(command -v minidocker)")")/cli/target/lib/minidocker-monitor"
expect "process 1's cgroup" "$(cat /proc/$pid/cgroup)" "0::/minidocker/$id"
expect_in "the container's cgroup.procs" "$(cat "$cgroups/$id/cgroup.procs")" "$pid"
expect "the monitor's cgroup (the caller's)" "$(cat /proc/$monitor/cgroup)" "0::/user.slice/session-1.scope"
expect_in "ps" "$(minidocker ps)" "${id%${id#????????????}}"
minidocker stop -t 1 "$id" >/dev/null
expect_no_cgroup "$id" "stop"
[ ! -e /proc/$monitor ] || fail "the monitor $monitor outlives its container"
minidocker rm "$id" >/dev/null
