# pause and unpause freeze and thaw the container's cgroup (cgroup.freeze on v2).
. /guest/lib.sh
require_command pause
id=$(start_sleeper)
minidocker pause "$id" >/dev/null
expect "cgroup.freeze after pause" "$(cat "$cgroups/$id/cgroup.freeze")" 1
expect "frozen in cgroup.events" "$(awk '$1 == "frozen" { print $2 }' "$cgroups/$id/cgroup.events")" 1
expect "State.Paused" "$(inspect "$id" '{{.State.Paused}}')" true
minidocker unpause "$id" >/dev/null
expect "cgroup.freeze after unpause" "$(cat "$cgroups/$id/cgroup.freeze")" 0
minidocker rm -f "$id" >/dev/null
expect_no_cgroup "$id" "rm -f"
