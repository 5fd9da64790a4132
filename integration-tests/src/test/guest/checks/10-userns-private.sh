# --userns=private on this kernel: root inside is an unprivileged host uid, the image's files keep
# their owners through idmapped layers, and the container joins its cgroup.
. /guest/lib.sh
name=userns-check
out=$(minidocker run --network none --name "$name" --userns=private -m 32m "$image" sh -c '
  id -u
  stat -c %u:%g /bin/busybox /etc/passwd
  cat /proc/self/cgroup /sys/fs/cgroup/memory.max
  touch /written')
id=$(inspect "$name" '{{.Id}}')
expect "id, owners, cgroup, memory.max" "$(echo $out)" "0 0:0 0:0 0::/ 33554432"
host_uid=$(stat -c %u "$store/containers/$id/upper/written")
[ "$host_uid" -ge 100000 ] || fail "a file the container wrote belongs to host uid $host_uid"
minidocker rm "$name" >/dev/null
