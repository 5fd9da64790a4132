# Docker's default seccomp profile is in force: process 1 runs under one filter, and a call the
# profile refuses (unshare of a user namespace, which needs no capability) fails with EPERM.
. /guest/lib.sh
out=$(minidocker run --network none --rm "$image" sh -c 'grep -E "^Seccomp(_filters)?:" /proc/self/status
  unshare -U true 2>&1 || true')
expect "Seccomp, Seccomp_filters, unshare -U" "$(echo $out)" \
  "Seccomp: 2 Seccomp_filters: 1 unshare: unshare(0x10000000): Operation not permitted"
