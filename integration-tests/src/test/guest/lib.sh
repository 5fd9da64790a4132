# What every check sources: strict shell, the image to run, and small assertions. A check fails
# with the last line it prints (fail says why), and skips with skip REASON.
set -eu
store=/var/lib/minidocker
cgroups=/sys/fs/cgroup/minidocker
. /guest/config

fail() {
  echo "$*" >&2
  exit 1
}

skip() {
  echo "$*" > /tmp/check.skip
  exit 77
}

# expect WHAT ACTUAL EXPECTED
expect() {
  [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}

# expect_in WHAT TEXT PART: TEXT contains PART.
expect_in() {
  case $2 in
    *"$3"*) ;;
    *) fail "$1: '$3' not in '$2'" ;;
  esac
}

# inspect CONTAINER TEMPLATE
inspect() {
  minidocker inspect --format "$2" "$1"
}

# A detached container that prints "ready" once it runs, then sleeps; prints its id.
start_sleeper() {
  id=$(minidocker run --network none -d "$@" "$image" sh -c 'echo ready; exec sleep 600')
  expect "run -d prints the id alone" "$(echo "$id" | grep -c '^[0-9a-f]\{64\}$')" 1
  i=0
  until grep -q ready "$store/containers/$id/$id-json.log" 2>/dev/null; do
    i=$((i + 1))
    [ $i -lt 1200 ] || fail "container $id did not print ready within 2 minutes"
    usleep 100000
  done
  echo "$id"
}

# The container's cgroup is gone (stop, kill, rm and the reconciliation remove it).
expect_no_cgroup() {
  [ ! -e "$cgroups/$1" ] || fail "$2: cgroup $cgroups/$1 is still there (cgroup.procs: $(cat "$cgroups/$1/cgroup.procs" | tr '\n' ' '))"
}

# Skips the check unless minidocker has COMMAND (for checks written before their feature).
require_command() {
  minidocker --help 2>&1 | grep -q "^  $1 " || skip "minidocker has no $1 command yet"
}
