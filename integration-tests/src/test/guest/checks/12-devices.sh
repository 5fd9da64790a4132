# The device cgroup (a BPF program on v2): mknod is allowed, but a device outside Docker's list
# does not open while Docker's defaults do; --device and --device-cgroup-rule allow one.
. /guest/lib.sh
major=$((0x$(stat -c %t /dev/vda))) minor=$((0x$(stat -c %T /dev/vda)))
out=$(minidocker run --network none --rm "$image" sh -c "mknod /tmp/disk b $major $minor && echo made
  head -c 1 /tmp/disk >/dev/null 2>&1 && echo opened || echo refused
  head -c 1 /dev/zero | wc -c")
expect "mknod and open of the root disk's node, a read of /dev/zero" "$(echo $out)" "made refused 1"
expect "--device /dev/vda" "$(minidocker run --network none --rm --device /dev/vda "$image" sh -c 'head -c 1 /dev/vda >/dev/null && echo opened')" opened
# Opening for writing writes nothing: the rule allows reading only.
out=$(minidocker run --network none --rm --device-cgroup-rule "b $major:$minor r" "$image" sh -c "mknod /tmp/disk b $major $minor
  head -c 1 /tmp/disk >/dev/null && echo read
  (: >> /tmp/disk) 2>/dev/null && echo opened-to-write || echo write-refused")
expect "--device-cgroup-rule 'b $major:$minor r'" "$(echo $out)" "read write-refused"
# With a user namespace the launcher attaches the filter (the container's root may not load one):
# the node made writable by all for the check, only the rule keeps it from being opened to write.
mode=$(stat -c %a /dev/vda)
chmod 666 /dev/vda
out=$(minidocker run --network none --rm --userns=private --device /dev/vda:/dev/vda:r "$image" sh -c "head -c 1 /dev/vda >/dev/null && echo read
  (: >> /dev/vda) 2>/dev/null && echo opened-to-write || echo write-refused")
chmod "$mode" /dev/vda
expect "--userns=private --device /dev/vda:/dev/vda:r" "$(echo $out)" "read write-refused"
