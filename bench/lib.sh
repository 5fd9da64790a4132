# shellcheck shell=bash
# bench/lib.sh - shell functions shared by the benchmarks in bench/ (pull.sh, run.sh, lifecycle.sh).
# Sourced, not run. The benchmark that sources it provides:
#   ALL_TOOLS, SELECTED  the tools it knows and the ones --only picked (arrays)
#   ROUNDS               how many timed rounds
#   precheck TOOL        prints why TOOL cannot be measured at all, or nothing (used by warm_up)
#   cleanup_hook         optional: extra cleanup, run by the EXIT trap before the scratch dirs go
#   setup_TOOL, BUSYBOX  for setup_all and prepare_busybox: the one-off setup of each tool, the
#                        static busybox the image is made of
# and it gets the globals below, the scratch dirs from make_scratch, and these steps:
#   install_traps, make_scratch, start_registry, push_oci, write_podman_conf, podman_store,
#   remove_minidocker_networks,
#   require_static_busybox, build_busybox_image, note_minidocker_cgroup_parents, setup_all,
#   prepare_busybox (all of a busybox benchmark's start, from the traps to the registry stopped),
#   remove_minidocker_cgroups, remove_own_cgroup, time_job, warm_up, run_rounds, median, ratio,
#   verdict, loadavg, why_na, json_str, json_num, json_runs.

WORK=""           # scratch dir for this run: registry storage, stores, logs, results
RUNDIR=""         # short-named dir on /run for podman's runroot (podman wants <= 50 characters)
REGISTRY_PID=""   # the docker-registry we started
CHILD_PGID=""     # process group of the command being timed, if any
PORT=""           # the registry's port on 127.0.0.1
SECS=""           # wall time of the last time_job, seconds with 3 decimals
IMAGE_REF=""      # the busybox image in the registry, as prepare_busybox pushed it
LOAD_START=""     # the load average when prepare_busybox was done
CG_PARENT=""      # our own cgroup, /CG_PARENT in every hierarchy, for podman and the OCI runtimes
declare -A MD_CG_PARENT=()   # minidocker's parent cgroup dirs that did not exist before we ran
declare -A AVAILABLE=()   # tool -> 1 when its warm-up worked, else the reason it did not
declare -A SETUP_FAILED=()   # tool -> why its setup_TOOL failed (setup_all)

log() { printf '%s\n' "$*" >&2; }
die() { log "$(basename "$0"): $*"; exit 1; }

# The comment block at the top of the benchmark, from its second line to the first empty one.
usage() {
    sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"
    exit "${1:-0}"
}

selected() { [[ " ${SELECTED[*]} " == *" $1 "* ]]; }

# require_tools CMD=PACKAGE...: fail early, naming the Debian packages to install.
require_tools() {
    local pair missing=()
    for pair in "$@"; do
        command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
    done
    if ((${#missing[@]})); then
        die "missing tools; install them with: apt-get install $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
    fi
}

# --- cleanup ---------------------------------------------------------------------------------

# Unmount everything mounted at or below $1 (podman's overlay driver bind-mounts its own home,
# and a container engine may leave layer mounts), deepest first.
unmount_under() {
    local dir=$1 mp
    # Field 5 of mountinfo is the mount point, with space, tab, newline and backslash octal-escaped.
    while read -r mp; do
        umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || log "warning: could not unmount $mp"
    done < <(awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print length($5), $5 }' /proc/self/mountinfo |
             sort -rn | cut -d' ' -f2- | while read -r esc; do printf '%b\n' "$esc"; done)
}

# Remove a store dir: unmount first so rm -rf cannot descend into a mounted tree.
remove_store() {
    local dir=$1
    [[ -e $dir ]] || return 0
    unmount_under "$dir"
    rm -rf --one-file-system "$dir"
}

# rmdir that also takes "it is gone already" for success (the engine may remove it meanwhile).
rmdir_quiet() { rmdir "$1" 2>/dev/null || [[ ! -d $1 ]]; }

# Kill what is left in cgroup dir $1 and below (only containers we started can be there), then
# remove the dirs, deepest first.
remove_cgroup_tree() {
    local dir=$1 d pid
    [[ -d $dir ]] || return 0
    while read -r d; do
        while read -r pid; do
            kill -KILL "$pid" 2>/dev/null || true
        done 2>/dev/null <"$d/cgroup.procs"   # quiet if the engine removed it meanwhile
    done < <(find "$dir" -type d)
    while read -r d; do
        rmdir_quiet "$d" || { sleep 0.2; rmdir_quiet "$d"; } || log "warning: could not remove cgroup $d"
    done < <(find "$dir" -depth -type d)
}

# Remember which of minidocker's parent cgroups (<hierarchy>/minidocker) do not exist yet, so
# that remove_minidocker_cgroups removes only those it made.
note_minidocker_cgroup_parents() {
    local c
    for c in /sys/fs/cgroup/memory /sys/fs/cgroup/cpu /sys/fs/cgroup/pids /sys/fs/cgroup; do
        if [[ -d $c && ! -e $c/minidocker ]]; then MD_CG_PARENT[$c/minidocker]=1; fi
    done
}

# remove_minidocker_cgroups ROOT...: the cgroups of the containers in these minidocker roots
# (removing a container removes its cgroup; a run cut short may not), then the parent cgroups
# that note_minidocker_cgroup_parents saw missing, if they are empty.
remove_minidocker_cgroups() {
    local root d id c
    for root in "$@"; do
        [[ -d $root/containers ]] || continue
        for d in "$root"/containers/*/; do
            [[ -d $d ]] || continue
            id=$(basename "$d")
            for c in /sys/fs/cgroup/*/minidocker/"$id" /sys/fs/cgroup/minidocker/"$id"; do
                [[ -d $c ]] || continue
                log "removing the cgroup of an interrupted minidocker container: $c"
                remove_cgroup_tree "$c"
            done
        done
    done
    for c in "${!MD_CG_PARENT[@]}"; do
        rmdir "$c" 2>/dev/null || true   # only if empty: another minidocker may be using it
    done
}

# remove_minidocker_networks ROOT...: the bridges and masquerading rules of the networks of these
# minidocker roots, which stay on the host as long as a network does (the default bridge: its store).
remove_minidocker_networks() {
    local root file bridge subnet id
    for root in "$@"; do
        for file in "$root"/networks/*.json; do
            [[ -f $file && $file != */daemon.json ]] || continue
            bridge=$(jq -r '.bridge // empty' "$file")
            [[ -n $bridge ]] || continue
            subnet=$(jq -r .subnet "$file")
            id=$(jq -r .id "$file")
            if [[ -e /sys/class/net/$bridge ]]; then ip link delete "$bridge" || log "warning: ip link delete $bridge failed"; fi
            while iptables -w -t nat -D POSTROUTING -s "$subnet" ! -o "$bridge" -m comment \
                --comment "minidocker network ${id:0:12}" -j MASQUERADE 2>/dev/null; do :; done
        done
    done
}

# Our own cgroup parent, in every hierarchy (runc and crun leave it; podman's conmon too).
remove_own_cgroup() {
    local c
    [[ -n $CG_PARENT ]] || return 0
    for c in /sys/fs/cgroup/*/"$CG_PARENT" /sys/fs/cgroup/"$CG_PARENT"; do
        remove_cgroup_tree "$c"
    done
}

# TERM the process group $1 (a job we started), then KILL what is left of it after a second:
# a process may ignore TERM (a container engine's monitor does, to record its container's exit).
stop_group() {
    local pgid=$1 i
    kill -TERM -- "-$pgid" 2>/dev/null || return 0
    wait "$pgid" 2>/dev/null || true
    for ((i = 0; i < 10; i++)); do
        kill -0 -- "-$pgid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
}

# On any exit, Ctrl-C included: stop the timed command and the registry (by their ids only), run
# the benchmark's own cleanup_hook, then unmount and remove the scratch dirs.
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $CHILD_PGID ]]; then
        stop_group "$CHILD_PGID"
    fi
    stop_registry
    if declare -F cleanup_hook >/dev/null; then
        cleanup_hook || log "warning: cleanup was incomplete"
    fi
    local d
    for d in "$RUNDIR" "$WORK"; do
        [[ -n $d && -d $d ]] && remove_store "$d"
    done
    exit "$rc"
}

install_traps() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# WORK on a disk (BENCH_TMP, default /var/tmp), RUNDIR on /run; both removed by cleanup.
make_scratch() {
    WORK=$(mktemp -d "${BENCH_TMP:-/var/tmp}/minidocker-bench-run.XXXXXX")
    RUNDIR=$(mktemp -d /run/mdbench.XXXXXX 2>/dev/null || mktemp -d /tmp/mdbench.XXXXXX)
    mkdir -p "$WORK/logs"
}

# --- the registry ----------------------------------------------------------------------------

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A throwaway registry on loopback with its storage in the scratch dir; stopped by the trap.
start_registry() {
    PORT=$(free_port)
    mkdir -p "$WORK/registry"
    cat >"$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $WORK/registry
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$PORT
EOF
    docker-registry serve "$WORK/registry.yml" >"$WORK/logs/registry.log" 2>&1 &
    REGISTRY_PID=$!
    local i
    for ((i = 0; i < 100; i++)); do
        curl -fsS -o /dev/null "http://127.0.0.1:$PORT/v2/" 2>/dev/null && break
        kill -0 "$REGISTRY_PID" 2>/dev/null || die "docker-registry exited: $(tail -5 "$WORK/logs/registry.log")"
        sleep 0.1
    done
    ((i < 100)) || die "docker-registry did not answer on 127.0.0.1:$PORT"
}

stop_registry() {
    if [[ -n $REGISTRY_PID ]]; then
        kill -TERM "$REGISTRY_PID" 2>/dev/null || true
        wait "$REGISTRY_PID" 2>/dev/null || true
        REGISTRY_PID=""
    fi
}

# push_oci LAYOUT_DIR:TAG REF [skopeo copy options...]: push an OCI layout to the registry.
push_oci() {
    local src=$1 ref=$2
    shift 2
    skopeo copy --quiet --dest-tls-verify=false "$@" "oci:$src" "docker://$ref" >"$WORK/logs/push.log" 2>&1 ||
        die "skopeo could not push the image: $(tail -5 "$WORK/logs/push.log")"
}

# --- the busybox image --------------------------------------------------------------------------

require_static_busybox() {
    [[ -x $BUSYBOX ]] || die "no $BUSYBOX; install it with: apt-get install busybox-static"
    # ldd fails on a static executable: a dynamic busybox would need a libc in the image.
    ! ldd "$BUSYBOX" >/dev/null 2>&1 || die "$BUSYBOX is not static; install busybox-static or set BUSYBOX"
}

# build_busybox_image: an OCI layout in $WORK/image, tag "latest", of the static busybox
# $BUSYBOX (which the benchmark sets), made like the official busybox image: one gzip layer with
# /bin/busybox, a symlink to it per applet (`busybox --list`), /etc/passwd, /etc/group
# and the usual empty dirs; config with PATH and Cmd ["sh"]. About 1 MB; fixed mtimes, so the
# same busybox always gives the same digests.
build_busybox_image() {
    python3 - "$WORK/image" "$BUSYBOX" <<'PY'
import gzip, hashlib, io, json, os, platform, subprocess, sys, tarfile

out, busybox = sys.argv[1], sys.argv[2]
MTIME = 1704067200  # 2024-01-01T00:00:00Z
PASSWD = ("root:x:0:0:root:/root:/bin/sh\n"
          "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
          "nobody:x:65534:65534:nobody:/home:/bin/false\n")
GROUP = "root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n"

def entry(name, kind, mode, **fields):
    ti = tarfile.TarInfo(name)
    ti.type, ti.mode, ti.mtime = kind, mode, MTIME
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root"
    for k, v in fields.items():
        setattr(ti, k, v)
    return ti

applets = subprocess.run([busybox, "--list"], check=True, capture_output=True, text=True).stdout.split()
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
    for d, mode in [("bin", 0o755), ("dev", 0o755), ("etc", 0o755), ("home", 0o755), ("proc", 0o555),
                    ("root", 0o700), ("sys", 0o555), ("tmp", 0o1777), ("usr", 0o755), ("var", 0o755)]:
        tar.addfile(entry(d + "/", tarfile.DIRTYPE, mode))
    with open(busybox, "rb") as f:
        exe = f.read()
    tar.addfile(entry("bin/busybox", tarfile.REGTYPE, 0o755, size=len(exe)), io.BytesIO(exe))
    for a in sorted(set(applets) - {"busybox"}):
        tar.addfile(entry("bin/" + a, tarfile.SYMTYPE, 0o777, linkname="busybox"))
    for name, text in [("etc/passwd", PASSWD), ("etc/group", GROUP)]:
        b = text.encode()
        tar.addfile(entry(name, tarfile.REGTYPE, 0o644, size=len(b)), io.BytesIO(b))
layer = raw.getvalue()

os.makedirs(os.path.join(out, "blobs", "sha256"))

def put_blob(data):
    hexd = hashlib.sha256(data).hexdigest()
    with open(os.path.join(out, "blobs", "sha256", hexd), "wb") as f:
        f.write(data)
    return "sha256:" + hexd, len(data)

ldigest, lsize = put_blob(gzip.compress(layer, compresslevel=6, mtime=0))
arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
config = {
    "architecture": arch, "os": "linux", "created": "2024-01-01T00:00:00Z",
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["sh"]},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
    "history": [{"created": "2024-01-01T00:00:00Z", "created_by": "bench/lib.sh: busybox-static"}],
}
cdigest, csize = put_blob(json.dumps(config, separators=(",", ":")).encode())
manifest = {
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cdigest, "size": csize},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": ldigest, "size": lsize}],
}
mdigest, msize = put_blob(json.dumps(manifest, separators=(",", ":")).encode())
with open(os.path.join(out, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
with open(os.path.join(out, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
               "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                              "digest": mdigest, "size": msize,
                              "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}, f)
# For the header: applets, gzip bytes, tar bytes.
with open(os.path.join(out, "..", "image.txt"), "w") as f:
    f.write(f"{len(applets)} {lsize} {len(layer)}\n")
PY
}

describe_busybox_image() {
    awk '{ printf "  busybox image: 1 layer, %.2f MB gzip, %.2f MB tar, %d applet symlinks\n", $2/1048576, $3/1048576, $1 }' \
        "$WORK/image.txt"
}

# The one-off setup of each selected tool, untimed (the benchmark's setup_TOOL); a failure
# makes the tool n/a.
setup_all() {
    local tool why
    for tool in "${SELECTED[@]}"; do
        why=$(precheck "$tool")
        if [[ -n $why ]]; then
            log "setup: $tool n/a: $why"
            continue
        fi
        log "setup: $tool ..."
        if ! "setup_$tool" >"$WORK/logs/$tool.setup.log" 2>&1; then
            SETUP_FAILED[$tool]="setup failed: $(tail -3 "$WORK/logs/$tool.setup.log" | tr -s '\n' ' ')"
            log "  $tool unavailable: ${SETUP_FAILED[$tool]}"
        fi
    done
}

# The start of a benchmark on the busybox image: traps, scratch dirs, our own cgroup parent, the
# image pushed to a registry as IMAGE_REF, each tool's setup_TOOL (its pulls), and the registry
# stopped again, so that nothing measured afterwards can use the network.
prepare_busybox() {
    install_traps
    make_scratch
    CG_PARENT=$(basename "$RUNDIR")
    note_minidocker_cgroup_parents
    build_busybox_image
    start_registry
    IMAGE_REF=127.0.0.1:$PORT/busybox
    push_oci "$WORK/image:latest" "$IMAGE_REF"
    setup_all
    stop_registry
    # shellcheck disable=SC2034   # the benchmark's report prints it
    LOAD_START=$(loadavg)
}

# --- podman ----------------------------------------------------------------------------------

# Podman needs runc (its default crun refuses hybrid cgroups here) and limits the kernel allows;
# its containers get no network namespace unless PODMAN_NETNS says which (bridge: its default
# network, on netavark). Its own --root/--runroot, tmp_dir and network dir keep it off the
# machine's podman state (/var/lib/containers, /run/libpod), which other users of this machine may
# rely on.
# write_podman_conf FILE [LINE...]: the LINEs are further settings for the [engine] table.
write_podman_conf() {
    local file=$1 line
    shift
    {
        cat <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
netns = "${PODMAN_NETNS:-none}"

[engine]
runtime = "runc"
tmp_dir = "$RUNDIR/libpod"
EOF
        for line in "$@"; do printf '%s\n' "$line"; done
        cat <<EOF

[network]
network_backend = "netavark"
network_config_dir = "$WORK/networks"
EOF
    } >"$file"
}

# podman_store ROOT RUNROOT ARG...: podman on its own store, with $WORK/containers.conf.
podman_store() {
    local root=$1 runroot=$2
    shift 2
    CONTAINERS_CONF=$WORK/containers.conf podman --root "$root" --runroot "$runroot" --storage-driver overlay "$@"
}

# --- timing ----------------------------------------------------------------------------------

# time_job LOG CMD...: run CMD (a command or function) with its output in LOG, set SECS to its
# wall time. CMD runs as a background job, so in its own process group (the caller has set -m):
# the trap sees CHILD_PGID and can end the whole group. Call it in the main shell, not in $(...).
time_job() {
    local out=$1 start end rc=0
    shift
    start=$EPOCHREALTIME
    "$@" </dev/null >"$out" 2>&1 &
    CHILD_PGID=$!
    wait "$CHILD_PGID" || rc=$?
    end=$EPOCHREALTIME
    CHILD_PGID=""
    SECS=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
    return "$rc"
}

# warm_up FN WHAT: one untimed `FN TOOL warmup` per selected tool that precheck lets through;
# it warms the page cache and finds out which tools work at all. FN logs to
# $WORK/logs/TOOL.LABEL.log; WHAT names the step in the reason a tool is unavailable.
warm_up() {
    local fn=$1 what=$2 tool why
    for tool in "${SELECTED[@]}"; do
        why=$(precheck "$tool")
        if [[ -n $why ]]; then
            AVAILABLE[$tool]=$why
            continue
        fi
        log "warm-up: $tool ..."
        if "$fn" "$tool" warmup; then
            AVAILABLE[$tool]=1
        else
            # The last lines of its output, without colour codes, on one line.
            AVAILABLE[$tool]="warm-up $what failed: $(tail -3 "$WORK/logs/$tool.warmup.log" |
                sed 's/\x1b\[[0-9;]*m//g' | tr -s '\n' ' ')"
        fi
        [[ ${AVAILABLE[$tool]} == 1 ]] || log "  $tool unavailable: ${AVAILABLE[$tool]}"
    done
}

# run_rounds FN WHAT: $ROUNDS rounds of `FN TOOL roundN` over the available tools, appending each
# SECS to $WORK/times.TOOL. Each round starts with the next tool, so none always runs first (or
# right after the same neighbour) on a machine whose load drifts.
run_rounds() {
    local fn=$1 what=$2 tools=() t r i k
    for t in "${SELECTED[@]}"; do
        [[ ${AVAILABLE[$t]} == 1 ]] && tools+=("$t")
    done
    ((${#tools[@]})) || die "no tool could $what"
    k=${#tools[@]}
    for ((r = 0; r < ROUNDS; r++)); do
        for ((i = 0; i < k; i++)); do
            t=${tools[(r + i) % k]}
            if "$fn" "$t" "round$((r + 1))"; then
                printf '%s\n' "$SECS" >>"$WORK/times.$t"
                log "round $((r + 1))/$ROUNDS  $(printf '%-10s' "$t") $SECS s"
            else
                log "round $((r + 1))/$ROUNDS  $(printf '%-10s' "$t") FAILED (see below)"
                tail -3 "$WORK/logs/$t.round$((r + 1)).log" >&2
            fi
        done
    done
}

# --- report ----------------------------------------------------------------------------------

median() {   # median FILE [DECIMALS]: median of the numbers in FILE (default 2 decimals), or empty
    [[ -s $1 ]] || return 0
    sort -g "$1" | awk -v fmt="%.${2:-2}f" '{ v[NR] = $1 }
        END { printf fmt, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {   # $1 / $2 with 2 decimals, or empty when either is missing
    [[ -n $1 && -n $2 ]] || return 0
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b }'
}

verdict() {   # verdict RATIO MAX: "  met" or "  NOT met", or nothing without a ratio
    [[ -n $1 ]] || return 0
    awk -v r="$1" -v m="$2" 'BEGIN { print (r <= m) ? "  met" : "  NOT met" }'
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

why_na() {   # why tool $1 has no median
    if [[ ${AVAILABLE[$1]:-1} == 1 ]]; then printf 'no successful run'; else printf '%s' "${AVAILABLE[$1]}"; fi
}

json_str() {   # a JSON string: quotes and backslashes escaped, control characters dropped
    printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\037' | sed 's/[\\"]/\\&/g')"
}

json_num() { if [[ -n $1 ]]; then printf '%s' "$1"; else printf 'null'; fi; }

json_runs() {   # the times of tool $1 as a JSON array
    local runs=""
    [[ -s $WORK/times.$1 ]] && runs=$(paste -sd, "$WORK/times.$1")
    printf '[%s]' "$runs"
}

json_medians_and_runs() {   # '"median_seconds":{...},"runs_seconds":{...}' of the selected tools; $1 names the medians array
    local -n medians=$1
    local t sep=""
    printf '"median_seconds":{'
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        printf '%s"%s":%s' "$sep" "$t" "$(json_num "${medians[$t]}")"; sep=","
    done
    printf '},"runs_seconds":{'
    sep=""
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        printf '%s"%s":%s' "$sep" "$t" "$(json_runs "$t")"; sep=","
    done
    printf '}'
}
