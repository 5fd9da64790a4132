# A SIGKILLed monitor: the next command finds the container exited (255), ends its processes and
# removes its cgroup.
. /guest/lib.sh
id=$(start_sleeper)
pid=$(inspect "$id" '{{.State.Pid}}')
monitor=$(grep -o '"monitorPid" *: *[0-9]*' "$store/containers/$id/container.json" | grep -o '[0-9]*$')
kill -KILL "$monitor"
while [ -e /proc/$monitor ] && [ "$(awk '/^State:/ { print $2 }' /proc/$monitor/status)" != Z ]; do usleep 50000; done
expect_in "ps -a" "$(minidocker ps -a)" "Exited (255) "
[ ! -e /proc/$pid ] || [ "$(awk '/^State:/ { print $2 }' /proc/$pid/status)" = Z ] || fail "process 1 ($pid) outlives the reconciliation"
expect_no_cgroup "$id" "the reconciling ps -a"
minidocker rm "$id" >/dev/null
