#!/usr/bin/env bash
# bench/run.sh - time `minidocker run --rm busybox true` against `podman run --rm busybox true`
# (with runc) and against the bare OCI runtimes, `runc run` and `crun run`, on a bundle of the
# same image: the whole life of a container that does nothing, from start to removal. Each engine
# three ways: with no network (`--network none`, podman's netns = "none"), on its default bridge
# (minidocker's, on the CNI plugins; podman's, on netavark) and on it with `-p PORT:80` (a free
# port, 18080 when it is), as `minidocker-bridge`, `podman-bridge`, `minidocker-publish`,
# `podman-publish`; the ratios compare each way with podman's same way.
#
# The image (busybox-static's /bin/busybox, its applet links, /etc/passwd and /etc/group) is
# built as an OCI layout, pushed to a docker-registry on a free loopback port, pulled into a fresh
# minidocker root and a fresh podman store, and unpacked by umoci into the runtimes' bundle; the
# registry is stopped before anything is timed. Then one untimed warm-up run of each tool, and
# N rounds in rotating order. Podman uses runc and the limits this machine allows (see
# write_podman_conf in lib.sh); crun runs in a private mount namespace without the cgroup2
# mount of a hybrid cgroup host, which it refuses. After the rounds, one more minidocker run with
# -p and --explain, each line stamped as it arrives, shows where minidocker's time goes.
#
# This is a benchmark, not a test: it prints medians and ratios and exits 0 whenever it could
# measure something. It installs nothing; it names the Debian packages that are missing. On any
# exit, Ctrl-C included, it removes what it made: stores, bundles, runtime state, cgroups, and
# the bridges and masquerading rules of minidocker's networks (and podman0 if it made it).
#
# Usage: bench/run.sh [-n ROUNDS] [--only minidocker,podman,minidocker-bridge,podman-bridge,
#                     minidocker-publish,podman-publish,runc,crun] [--json] [--no-explain]
#   -n ROUNDS     timed rounds (default 10)
#   --only LIST   a comma-separated subset of the tools
#   --json        one JSON object on stdout instead of the table
#   --no-explain  skip the --explain breakdown of one minidocker run
#
# Environment:
#   BENCH_TMP   parent of the per-run scratch dir holding the stores and the bundle (default
#               /var/tmp); keep it on a disk, not a tmpfs
#   MINIDOCKER  the minidocker command (default: the wrapper at the repository root)
#   CRUN        the crun command (default: crun); crun is reported n/a when there is none
#   BUSYBOX     the static busybox the image is made of (default /bin/busybox, busybox-static)
#   BENCH_KEEP_LOGS  a dir to copy each command's output to before the scratch dir is removed

set -euo pipefail
# Job control: every timed command runs as a background job in its own process group, so that
# Ctrl-C or TERM reaches this script's trap at once and the trap can end that whole group by id.
set -m

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
readonly SCRIPT_DIR REPO
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"
readonly MINIDOCKER=${MINIDOCKER:-$REPO/minidocker}
readonly CRUN=${CRUN:-crun}
readonly BUSYBOX=${BUSYBOX:-/bin/busybox}
readonly KEEP_LOGS=${BENCH_KEEP_LOGS:-}
readonly ALL_TOOLS=(minidocker podman minidocker-bridge podman-bridge minidocker-publish podman-publish runc crun)
readonly TARGET=1.0   # minidocker / podman: no slower than podman ...
readonly AIM=0.5      # ... and aim for half
readonly NETWORK_TARGET=0.75   # on the bridge and with -p: at most 3/4 of podman's time
PUBLISHED=""        # the host port of the -p runs
MINIDOCKER_PULLED=false
PODMAN_BRIDGE_MADE=false   # whether podman's bridge (podman0) was made by this run, to remove

ROUNDS=10
JSON=false
EXPLAIN=true
SELECTED=("${ALL_TOOLS[@]}")

HYBRID=false        # cgroup v1 with a cgroup2 mount at /sys/fs/cgroup/unified, as here

parse_args() {
    while (($#)); do
        case $1 in
            -n) ROUNDS=${2:?-n needs a number}; shift ;;
            -n*) ROUNDS=${1#-n} ;;
            --only) IFS=, read -r -a SELECTED <<<"${2:?--only needs a list}"; shift ;;
            --only=*) IFS=, read -r -a SELECTED <<<"${1#--only=}" ;;
            --json) JSON=true ;;
            --no-explain) EXPLAIN=false ;;
            -h|--help) usage 0 ;;
            *) log "unknown argument: $1"; usage 2 ;;
        esac
        shift
    done
    [[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "-n wants a positive number, not '$ROUNDS'"
    local t
    for t in "${SELECTED[@]}"; do
        [[ " ${ALL_TOOLS[*]} " == *" $t "* ]] || die "--only: unknown tool '$t' (know: ${ALL_TOOLS[*]})"
    done
}

# Fail early with the list of Debian packages to install, for the parts that were selected.
# minidocker and crun are not checked here: their absence only makes them "n/a" in the report.
check_tools() {
    local need=(docker-registry=docker-registry skopeo=skopeo python3=python3 curl=curl
                jq=jq awk=gawk sort=coreutils umount=mount unshare=util-linux ldd=libc-bin)
    if selected podman || selected podman-bridge || selected podman-publish; then need+=(podman=podman runc=runc); fi
    if selected runc; then need+=(runc=runc umoci=umoci); fi
    if selected crun; then need+=(umoci=umoci); fi
    require_tools "${need[@]}"
    require_static_busybox
}

# cgroups are hybrid here: v1 controllers, and a cgroup2 at /sys/fs/cgroup/unified that crun
# would take for the unified hierarchy ("cgroups in hybrid mode not supported").
hybrid_cgroups() {
    awk '$5 == "/sys/fs/cgroup/unified" && $0 ~ / - cgroup2 / { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# --- cleanup ---------------------------------------------------------------------------------

# Run by lib.sh's cleanup on any exit, after the timed command and the registry are stopped.
cleanup_hook() {
    local id
    [[ -n $WORK ]] || return 0
    if [[ -n $KEEP_LOGS && -d $WORK/logs ]]; then
        mkdir -p "$KEEP_LOGS" && cp -r "$WORK/logs" "$KEEP_LOGS/" && log "logs kept in $KEEP_LOGS/logs"
    fi
    # Containers runc or crun still know of (a run cut short): delete them and their cgroups.
    if [[ -d $RUNDIR/runc ]]; then
        for id in $(runc --root "$RUNDIR/runc" list -q 2>/dev/null); do
            runc --root "$RUNDIR/runc" delete -f "$id" >/dev/null 2>&1 || log "warning: runc delete $id failed"
        done
    fi
    if [[ -d $RUNDIR/crun ]]; then
        for id in $(crun_cmd --root "$RUNDIR/crun" list -q 2>/dev/null); do
            crun_cmd --root "$RUNDIR/crun" delete -f "$id" >/dev/null 2>&1 || log "warning: crun delete $id failed"
        done
    fi
    # Podman's containers, in our private store only, and its bridge if this run made it.
    if [[ -d $WORK/podman ]]; then
        podman_cmd rm --all --force --time 0 >/dev/null 2>&1 || log "warning: podman rm failed"
    fi
    if [[ $PODMAN_BRIDGE_MADE == true && -e /sys/class/net/podman0 ]]; then
        ip link delete podman0 || log "warning: ip link delete podman0 failed"
    fi
    # minidocker's containers: a --rm run removes its record and cgroup; a run cut short may not.
    remove_minidocker_cgroups "$WORK/minidocker"
    remove_minidocker_networks "$WORK/minidocker"
    remove_own_cgroup
}

# --- the contenders --------------------------------------------------------------------------
# Each has a one-off setup (untimed), done once per run, and run_TOOL, which is timed. The
# argument of run_TOOL is a label unique in this run (warmup, round1, ...).

podman_cmd() {
    podman_store "$WORK/podman" "$RUNDIR/podman" "$@"
}

# The same store, its containers on podman's default bridge network (netavark).
podman_bridge_cmd() {
    CONTAINERS_CONF=$WORK/containers-bridge.conf podman --root "$WORK/podman" --runroot "$RUNDIR/podman" \
        --storage-driver overlay "$@"
}

# crun in a private mount namespace without the cgroup2 mount, where it sees plain cgroup v1.
crun_cmd() {
    if [[ $HYBRID == true ]]; then
        unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified && exec "$@"' crun "$CRUN" "$@"
    else
        "$CRUN" "$@"
    fi
}

setup_minidocker() {
    [[ $MINIDOCKER_PULLED == true ]] || "$MINIDOCKER" --root "$WORK/minidocker" pull -q "$IMAGE_REF"
    MINIDOCKER_PULLED=true
}

# One store for the three ways: pulled once.
setup_minidocker-bridge() {
    setup_minidocker
}

setup_minidocker-publish() {
    setup_minidocker
}

# Podman runs its containers with runc, with cgroupfs (no systemd here) under our own cgroup
# parent, and logs its events to a file in its tmp dir rather than to the machine's journal.
setup_podman() {
    write_podman_conf "$WORK/containers.conf" 'cgroup_manager = "cgroupfs"' 'events_logger = "file"'
    PODMAN_NETNS=bridge write_podman_conf "$WORK/containers-bridge.conf" 'cgroup_manager = "cgroupfs"' \
        'events_logger = "file"'
    [[ -e /sys/class/net/podman0 ]] || PODMAN_BRIDGE_MADE=true
    podman_cmd pull -q --tls-verify=false "$IMAGE_REF"
}

setup_podman-bridge() {
    [[ -f $WORK/containers.conf ]] || setup_podman
}

setup_podman-publish() {
    setup_podman-bridge
}

# One `umoci unpack` of the image, shared by runc and crun: each has its own config.json (its
# own cgroup), crun's naming the rootfs of runc's bundle. The config runs /bin/true with no
# terminal and puts the container's cgroup under ours, not at the top of every hierarchy.
make_bundle() {
    [[ -f $WORK/bundle/config.json ]] && return 0
    umoci unpack --image "$WORK/image:latest" "$WORK/bundle.tmp" && mv "$WORK/bundle.tmp" "$WORK/bundle"
}

bundle_config() {   # bundle_config RUNTIME ROOTFS: config.json for that runtime, on stdout
    jq --arg cg "/$CG_PARENT/$1" --arg root "$2" \
        '.process.args = ["/bin/true"] | .process.terminal = false
         | .linux.cgroupsPath = $cg | .root.path = $root' "$WORK/bundle/config.json"
}

setup_runc() {
    make_bundle || return
    bundle_config runc rootfs >"$WORK/bundle/config.json.new" &&
        mv "$WORK/bundle/config.json.new" "$WORK/bundle/config.json"
}

setup_crun() {
    make_bundle || return
    mkdir -p "$WORK/bundle-crun"
    bundle_config crun "$WORK/bundle/rootfs" >"$WORK/bundle-crun/config.json"
}

run_minidocker() {
    "$MINIDOCKER" --root "$WORK/minidocker" run --rm --network none "$IMAGE_REF" true
}

run_podman() {
    podman_cmd run --rm --cgroup-parent "/$CG_PARENT/podman" "$IMAGE_REF" true
}

run_minidocker-bridge() {
    "$MINIDOCKER" --root "$WORK/minidocker" run --rm "$IMAGE_REF" true
}

run_podman-bridge() {
    podman_bridge_cmd run --rm --cgroup-parent "/$CG_PARENT/podman" "$IMAGE_REF" true
}

run_minidocker-publish() {
    "$MINIDOCKER" --root "$WORK/minidocker" run --rm -p "$PUBLISHED:80" "$IMAGE_REF" true
}

run_podman-publish() {
    podman_bridge_cmd run --rm --cgroup-parent "/$CG_PARENT/podman" -p "$PUBLISHED:80" "$IMAGE_REF" true
}

run_runc() {
    runc --root "$RUNDIR/runc" run -b "$WORK/bundle" "mdbench-$1"
}

run_crun() {
    crun_cmd --root "$RUNDIR/crun" run -b "$WORK/bundle-crun" "mdbench-$1"
}

# Why a tool cannot take part (for warm_up in lib.sh), or nothing.
precheck() {
    case $1 in
        minidocker*) [[ -x $MINIDOCKER ]] || printf 'no %s' "$MINIDOCKER" ;;
        crun) command -v "$CRUN" >/dev/null 2>&1 || printf 'not installed (no %s)' "$CRUN" ;;
    esac
    printf '%s' "${SETUP_FAILED[$1]:-}"
}

# One run of tool $1, timed (SECS). A runtime container left by a failed run is deleted, untimed.
timed_run() {
    local tool=$1 label=$2 rc=0
    time_job "$WORK/logs/$tool.$label.log" "run_$tool" "$label" || rc=$?
    if ((rc != 0)); then
        case $tool in
            runc) runc --root "$RUNDIR/runc" delete -f "mdbench-$label" >/dev/null 2>&1 || true ;;
            crun) crun_cmd --root "$RUNDIR/crun" delete -f "mdbench-$label" >/dev/null 2>&1 || true ;;
        esac
    fi
    return "$rc"
}

# --- minidocker's own breakdown --------------------------------------------------------------

# One more minidocker run, with --explain, each line of its narration stamped when it arrives:
# where the time goes (JVM start-up before the first line, then each step). The narration
# itself costs a little, so this run is not one of the timed ones.
explain_minidocker() {
    local line rc=0
    printf '%s start\n' "$EPOCHREALTIME"
    "$MINIDOCKER" --root "$WORK/minidocker" run --rm --explain -p "$PUBLISHED:80" "$IMAGE_REF" true 2>&1 |
        while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done || rc=$?
    printf '%s exit %s\n' "$EPOCHREALTIME" "$rc"
    return "$rc"
}

# Prints each narrated step with the time since the start and the gap since the line before,
# shortened to one screen line: the scratch dir as $WORK, container ids to 12 hex digits.
explain_report() {
    [[ -s $WORK/explain.txt ]] || return 0
    awk -v work="$WORK" 'BEGIN { for (i = 0; i < 64; i++) hex64 = hex64 "[0-9a-f]" }
         NR == 1 { t0 = $1; prev = $1; next }
         { line = $0; sub(/^[^ ]+ /, "", line)
           while ((i = index(line, work)) > 0)
               line = substr(line, 1, i - 1) "$WORK" substr(line, i + length(work))
           while (match(line, hex64))
               line = substr(line, 1, RSTART + 11) substr(line, RSTART + 64)
           line = sprintf("  %6.3f  +%.3f  %s", $1 - t0, $1 - prev, line)
           if (length(line) > 120) line = substr(line, 1, 117) "..."
           print line; prev = $1 }' "$WORK/explain.txt"
}

explain() {
    [[ $EXPLAIN == true && ${AVAILABLE[minidocker-publish]:-} == 1 ]] || return 0
    log "explain: one minidocker run with --explain (untimed) ..."
    time_job "$WORK/explain.txt" explain_minidocker || log "  the --explain run failed (see $WORK/explain.txt)"
}

# --- report ----------------------------------------------------------------------------------

report() {
    local -A med=()
    local t load_end
    load_end=$(loadavg)
    for t in "${ALL_TOOLS[@]}"; do med[$t]=$(median "$WORK/times.$t" 3); done
    local r_mp r_bridge r_publish r_mr r_mc
    r_mp=$(ratio "${med[minidocker]}" "${med[podman]}")
    r_bridge=$(ratio "${med[minidocker-bridge]}" "${med[podman-bridge]}")
    r_publish=$(ratio "${med[minidocker-publish]}" "${med[podman-publish]}")
    r_mr=$(ratio "${med[minidocker]}" "${med[runc]}")
    r_mc=$(ratio "${med[minidocker]}" "${med[crun]}")

    if [[ $JSON == true ]]; then
        report_json med "$load_end" "$r_mp" "$r_bridge" "$r_publish" "$r_mr" "$r_mc"
        return
    fi
    local -A name=([minidocker]="minidocker --network none" [podman]="podman, netns none (runc)"
                   [minidocker-bridge]="minidocker (bridge)" [podman-bridge]="podman (bridge, netavark)"
                   [minidocker-publish]="minidocker -p $PUBLISHED:80" [podman-publish]="podman -p $PUBLISHED:80"
                   [runc]="runc run (bundle)" [crun]="crun run (bundle)")
    printf '\nmedians of %d rounds (seconds, wall clock; load average %s at start, %s at end):\n' \
        "$ROUNDS" "$LOAD_START" "$load_end"
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        if [[ -n ${med[$t]} ]]; then
            printf '  %-28s %6s   runs: %s\n' "${name[$t]}" "${med[$t]}" "$(tr '\n' ' ' <"$WORK/times.$t")"
        else
            printf '  %-28s %6s   (%s)\n' "${name[$t]}" "n/a" "$(why_na "$t")"
        fi
    done
    printf 'ratios:\n'
    printf '  %-28s %6s   target <= %.2f%s;  aim <= %.2f%s\n' "minidocker / podman, none" "${r_mp:-n/a}" \
        "$TARGET" "$(verdict "$r_mp" "$TARGET")" "$AIM" "$(verdict "$r_mp" "$AIM")"
    printf '  %-28s %6s   target <= %.2f%s\n' "minidocker / podman, bridge" "${r_bridge:-n/a}" \
        "$NETWORK_TARGET" "$(verdict "$r_bridge" "$NETWORK_TARGET")" \
        "minidocker / podman, -p" "${r_publish:-n/a}" "$NETWORK_TARGET" "$(verdict "$r_publish" "$NETWORK_TARGET")"
    printf '  %-28s %6s\n' "minidocker / runc" "${r_mr:-n/a}" "minidocker / crun" "${r_mc:-n/a}"
    if [[ -s $WORK/explain.txt ]]; then
        printf 'minidocker run --rm -p %s:80 --explain, once, untimed (seconds since start, gap since the line before):\n' \
            "$PUBLISHED"
        explain_report
    fi
}

report_json() {
    local load_end=$2 r_mp=$3 r_bridge=$4 r_publish=$5 r_mr=$6 r_mc=$7
    local -n m=$1
    local t sep=""
    met() { if [[ -n $1 ]]; then awk -v r="$1" -v m="$2" 'BEGIN { print (r <= m) ? "true" : "false" }'; else printf 'null'; fi; }
    printf '{"rounds":%d,"loadavg_start":"%s","loadavg_end":"%s","published_port":%s,' "$ROUNDS" "$LOAD_START" \
        "$load_end" "$PUBLISHED"
    json_medians_and_runs "$1"
    printf ',"ratios":{"minidocker/podman":%s,"minidocker-bridge/podman-bridge":%s,' "$(json_num "$r_mp")" \
        "$(json_num "$r_bridge")"
    printf '"minidocker-publish/podman-publish":%s,"minidocker/runc":%s,"minidocker/crun":%s}' \
        "$(json_num "$r_publish")" "$(json_num "$r_mr")" "$(json_num "$r_mc")"
    printf ',"target":{"max_ratio":%s,"met":%s},"aim":{"max_ratio":%s,"met":%s}' \
        "$TARGET" "$(met "$r_mp" "$TARGET")" "$AIM" "$(met "$r_mp" "$AIM")"
    printf ',"network_target":{"max_ratio":%s,"bridge_met":%s,"publish_met":%s}' "$NETWORK_TARGET" \
        "$(met "$r_bridge" "$NETWORK_TARGET")" "$(met "$r_publish" "$NETWORK_TARGET")"
    # Why a selected tool has no figure.
    printf ',"unavailable":{'
    sep=""
    for t in "${ALL_TOOLS[@]}"; do
        if selected "$t" && [[ -z ${m[$t]} ]]; then
            printf '%s"%s":%s' "$sep" "$t" "$(json_str "$(why_na "$t")")"
            sep=","
        fi
    done
    printf '}}\n'
}

print_header() {
    log "== bench/run.sh: run 'true' in a busybox container and remove it, image already present =="
    log "Each round times, in rotating order, wall clock from start to exit:"
    selected minidocker && log "  minidocker: $MINIDOCKER --root DIR run --rm --network none $IMAGE_REF true"
    selected podman && log "  podman:     podman --root DIR --runroot /run/DIR run --rm $IMAGE_REF true (runc, overlay, cgroupfs, netns none)"
    selected minidocker-bridge && log "  minidocker-bridge: the same without --network (its default bridge)"
    selected podman-bridge && log "  podman-bridge:     the same with netns = \"bridge\" (its default network, netavark)"
    selected minidocker-publish && log "  minidocker-publish: the bridge with -p $PUBLISHED:80"
    selected podman-publish && log "  podman-publish:     the bridge with -p $PUBLISHED:80"
    selected runc && log "  runc:       runc --root /run/DIR run -b BUNDLE ID (umoci unpack of the image; args /bin/true)"
    if selected crun; then
        if [[ $HYBRID == true ]]; then
            log "  crun:       unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified && exec $CRUN --root /run/DIR run -b BUNDLE ID'"
        else
            log "  crun:       $CRUN --root /run/DIR run -b BUNDLE ID"
        fi
    fi
    log "The image was pulled beforehand from docker-registry on 127.0.0.1:$PORT, stopped since: no run sends traffic."
    describe_busybox_image >&2
    log "Rounds: $ROUNDS, after one untimed warm-up each. Target: minidocker <= $TARGET x podman; aim: <= $AIM x podman;"
    log "on the bridge and with -p: <= $NETWORK_TARGET x podman's same."
    log "Load average: $LOAD_START"
    log ""
}

main() {
    parse_args "$@"
    [[ $(id -u) == 0 ]] || die "run as root (runc, crun and podman are measured as root)"
    check_tools
    if hybrid_cgroups; then HYBRID=true; fi
    prepare_busybox
    PUBLISHED=18080
    if ! python3 -c 'import socket, sys; socket.socket().bind(("0.0.0.0", int(sys.argv[1])))' "$PUBLISHED" 2>/dev/null; then
        PUBLISHED=$(free_port)
    fi
    print_header
    warm_up timed_run run
    run_rounds timed_run "run the image"
    explain
    report
}

# Run unless sourced (a test can source this file and call the steps one by one).
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
