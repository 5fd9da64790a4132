#!/usr/bin/env bash
# bench/commands.sh - how long the everyday commands take, minidocker beside podman (with runc):
# `--version`, `images`, `inspect` of a container, `ps -a` over a store of PS_COUNT containers,
# `logs` of a container that printed three lines, `exec true` in a running container, and
# `run --rm IMAGE true`. Wall clock from start to exit, ROUNDS rounds after one untimed warm-up,
# the tools interleaved command by command (each round starts with the other tool), medians and
# the ratio minidocker/podman against each command's target.
#
# Each tool's store holds the busybox image (busybox-static, pushed to a docker-registry on a free
# loopback port, pulled, the registry stopped before anything is timed), PS_COUNT containers
# created and never started, one that ran `echo` three times and exited ("logged"), and one
# running `sleep 1000` ("running"). This is a benchmark, not a test: it prints medians and exits 0
# whenever it could measure something. It installs nothing. On any exit it removes what it made.
#
# Usage: bench/commands.sh [-n ROUNDS] [-p PS_COUNT] [--only minidocker,podman]
#   -n ROUNDS     timed rounds of each command (default 20)
#   -p PS_COUNT   created containers in each store (default 100)
#   --only LIST   a comma-separated subset of the tools
#
# Environment:
#   BENCH_TMP   parent of the per-run scratch dir holding the stores (default /var/tmp)
#   MINIDOCKER  the minidocker command (default: the wrapper at the repository root; an installed
#               one, e.g. /usr/local/bin/minidocker, skips the wrapper's check for changed sources)
#   BUSYBOX     the static busybox the image is made of (default /bin/busybox, busybox-static)

set -euo pipefail
# Job control: every timed command runs in its own process group (see time_job in lib.sh).
set -m

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
readonly SCRIPT_DIR REPO
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"
readonly MINIDOCKER=${MINIDOCKER:-$REPO/minidocker}
readonly BUSYBOX=${BUSYBOX:-/bin/busybox}
readonly ALL_TOOLS=(minidocker podman)
readonly COMMANDS=(version images inspect ps logs exec run)
# The most minidocker may take, as a multiple of podman's time: ps -a over the store at most as
# long, run --rm at most what it took before these measurements began (0.79x).
declare -A TARGET=([version]=1.5 [images]=1.5 [inspect]=1.5 [ps]=1.0 [logs]=1.5 [exec]=1.5 [run]=0.8)

ROUNDS=20
PS_COUNT=100
SELECTED=("${ALL_TOOLS[@]}")

parse_args() {
    while (($#)); do
        case $1 in
            -n) ROUNDS=${2:?-n needs a number}; shift ;;
            -p) PS_COUNT=${2:?-p needs a number}; shift ;;
            --only) IFS=, read -r -a SELECTED <<<"${2:?--only needs a list}"; shift ;;
            -h|--help) usage 0 ;;
            *) log "unknown argument: $1"; usage 2 ;;
        esac
        shift
    done
    [[ $ROUNDS =~ ^[1-9][0-9]*$ && $PS_COUNT =~ ^[1-9][0-9]*$ ]] || die "-n and -p want a positive number"
    local t
    for t in "${SELECTED[@]}"; do
        [[ " ${ALL_TOOLS[*]} " == *" $t "* ]] || die "--only: unknown tool '$t' (know: ${ALL_TOOLS[*]})"
    done
}

check_tools() {
    local need=(docker-registry=docker-registry skopeo=skopeo python3=python3 curl=curl awk=gawk)
    if selected podman; then need+=(podman=podman runc=runc conmon=conmon); fi
    require_tools "${need[@]}"
    require_static_busybox
}

md() { "$MINIDOCKER" --root "$WORK/minidocker" "$@"; }
pm() { podman_store "$WORK/podman" "$RUNDIR/p" "$@"; }

# The store of each tool: the image, PS_COUNT created containers, "logged" and "running".
fill_store() {   # fill_store CMD PULL_OPTION...
    local cmd=$1 i
    shift
    "$cmd" pull -q "$@" "$IMAGE_REF" >/dev/null
    for ((i = 1; i <= PS_COUNT; i++)); do
        "$cmd" create "$IMAGE_REF" true >/dev/null
    done
    "$cmd" run --name logged "$IMAGE_REF" sh -c 'echo one; echo two; echo three' >/dev/null
    "$cmd" run -d --name running "$IMAGE_REF" sleep 1000 >/dev/null
}
setup_minidocker() { fill_store md; }
# runc, cgroupfs under our own parent (no systemd here), events to a file: as bench/lifecycle.sh.
setup_podman() {
    write_podman_conf "$WORK/containers.conf" 'cgroup_manager = "cgroupfs"' 'events_logger = "file"'
    fill_store pm --tls-verify=false
}

precheck() {
    if [[ $1 == minidocker && ! -x $MINIDOCKER ]]; then
        printf 'no %s' "$MINIDOCKER"
    fi
    printf '%s' "${SETUP_FAILED[$1]:-}"
}

# command_TOOL COMMAND: the command of that name, as each tool spells it.
command_of() {   # command_of CMD COMMAND
    local cmd=$1
    case $2 in
        version) "$cmd" --version ;;
        images) "$cmd" images ;;
        inspect) "$cmd" inspect logged ;;
        ps) "$cmd" ps -a ;;
        logs) "$cmd" logs logged ;;
        exec) "$cmd" exec running true ;;
        run) "$cmd" run --rm "$IMAGE_REF" true ;;
    esac
}
command_minidocker() { command_of md "$1"; }
command_podman() { command_of pm "$1"; }

cleanup_hook() {
    [[ -n $WORK ]] || return 0
    local ids=()
    if [[ -d $WORK/minidocker ]]; then
        mapfile -t ids < <(md ps -aq --no-trunc 2>/dev/null)
        ((${#ids[@]} == 0)) || md rm -f "${ids[@]}" >/dev/null 2>&1 || log "warning: minidocker rm -f failed"
    fi
    if [[ -d $WORK/podman ]]; then
        mapfile -t ids < <(pm ps -aq --no-trunc 2>/dev/null)
        ((${#ids[@]} == 0)) || pm rm -f --time 0 "${ids[@]}" >/dev/null 2>&1 || log "warning: podman rm -f failed"
    fi
    remove_minidocker_cgroups "$WORK/minidocker"
    remove_own_cgroup
}

# One timed COMMAND of TOOL, its time appended to times.COMMAND.TOOL; false if it failed.
timed() {   # timed TOOL COMMAND LABEL
    local tool=$1 command=$2
    time_job "$WORK/logs/$tool.$command.$3.log" "command_$tool" "$command" || return
    printf '%s\n' "$SECS" >>"$WORK/times.$command.$tool"
}

measure() {
    local tools=() t c r i
    for t in "${SELECTED[@]}"; do
        [[ -z $(precheck "$t") ]] && tools+=("$t")
    done
    ((${#tools[@]})) || die "no tool could be set up (see $WORK/logs)"
    for c in "${COMMANDS[@]}"; do
        for t in "${tools[@]}"; do
            timed "$t" "$c" warmup || log "warm-up: $t $c failed: $(tail -2 "$WORK/logs/$t.$c.warmup.log" | tr -s '\n' ' ')"
            rm -f "$WORK/times.$c.$t"
        done
    done
    for ((r = 0; r < ROUNDS; r++)); do
        for c in "${COMMANDS[@]}"; do
            for ((i = 0; i < ${#tools[@]}; i++)); do
                t=${tools[(r + i) % ${#tools[@]}]}
                timed "$t" "$c" "round$r" || log "round $((r + 1)): $t $c FAILED: $(tail -2 "$WORK/logs/$t.$c.round$r.log" | tr -s '\n' ' ')"
            done
        done
        log "round $((r + 1))/$ROUNDS done"
    done
}

report() {
    local c m p ratio_
    printf '%-9s %12s %12s %7s %7s\n' command minidocker podman ratio target
    for c in "${COMMANDS[@]}"; do
        m=$(median "$WORK/times.$c.minidocker" 3)
        p=$(median "$WORK/times.$c.podman" 3)
        ratio_=$(ratio "$m" "$p")
        printf '%-9s %12s %12s %7s %7s%s\n' "$c" "${m:-n/a}" "${p:-n/a}" "${ratio_:--}" "${TARGET[$c]}" \
            "$(verdict "$ratio_" "${TARGET[$c]}")"
    done
    printf 'medians in seconds, %d rounds; load average %s at the start, %s at the end\n' "$ROUNDS" "$LOAD_START" "$(loadavg)"
}

main() {
    parse_args "$@"
    [[ $(id -u) == 0 ]] || die "run as root (containers are started with real namespaces and cgroups)"
    check_tools
    prepare_busybox
    log "== bench/commands.sh: $MINIDOCKER beside podman, $PS_COUNT created containers a store =="
    measure
    report
}

main "$@"
