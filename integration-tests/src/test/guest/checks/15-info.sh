# info says what it found on this host: cgroup v2 with the cgroupfs driver, overlay, idmapped layers.
. /guest/lib.sh
require_command info
expect "info's cgroup, storage and idmapping" \
  "$(minidocker info --format '{{.CgroupVersion}} {{.CgroupDriver}} {{.Driver}} {{.IdmappedMounts}}')" \
  "2 cgroupfs overlay true"
id=$(start_sleeper)
minidocker pause "$id" >/dev/null
expect "info's counts with one paused container" \
  "$(minidocker info --format '{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}}')" "1 0 1"
minidocker rm -f "$id" >/dev/null
expect_no_cgroup "$id" "rm -f"
