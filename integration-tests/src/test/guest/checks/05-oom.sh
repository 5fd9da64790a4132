# A container past its memory limit is killed by the kernel's OOM killer: status 137, said by run,
# recorded from memory.events (by run, and by the monitor of a detached container).
. /guest/lib.sh
set +e
err=$(minidocker run --network none --rm -m 16m --memory-swap 16m "$image" sh -c 'tail /dev/zero' 2>&1 >/dev/null)
status=$?
set -e
expect "exit status of the OOM-killed run" "$status" 137
expect_in "run's message" "$err" "was OOM-killed"

id=$(minidocker run --network none -d -m 16m --memory-swap 16m "$image" sh -c 'tail /dev/zero')
expect "wait" "$(minidocker wait "$id")" 137
expect "the monitor's exit file" "$(cat "$store/containers/$id/exit")" "137 oom"
expect "State.OOMKilled" "$(inspect "$id" '{{.State.OOMKilled}}')" true
minidocker rm "$id" >/dev/null
expect_no_cgroup "$id" "rm"
