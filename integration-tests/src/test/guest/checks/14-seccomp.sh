# Docker's default seccomp profile is in force: process 1 runs under one filter.
. /guest/lib.sh
status=$(minidocker run --rm "$image" grep -E '^Seccomp(_filters)?:' /proc/self/status)
[ "$(echo "$status" | awk '$1 == "Seccomp:" { print $2 }')" != 0 ] || skip "no seccomp filter is installed yet"
expect "Seccomp, Seccomp_filters" "$(echo $status)" "Seccomp: 2 Seccomp_filters: 1"
