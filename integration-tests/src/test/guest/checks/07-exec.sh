# exec joins the container's cgroup (and its cgroup namespace, so it sees itself at the root).
. /guest/lib.sh
id=$(start_sleeper)
expect "exec's /proc/self/cgroup" "$(minidocker exec "$id" cat /proc/self/cgroup)" "0::/"
minidocker exec -d "$id" sleep 600
expect "processes in the container's cgroup.procs after exec -d" "$(wc -l < "$cgroups/$id/cgroup.procs")" 2
minidocker rm -f "$id" >/dev/null
expect_no_cgroup "$id" "rm -f"
