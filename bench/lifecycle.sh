#!/usr/bin/env bash
# bench/lifecycle.sh - what a detached container costs the host while it runs, and how long
# `ps -a` takes over a store of 100 containers: minidocker beside podman (with runc).
#
# Resident memory: COUNT containers of `busybox sleep 1000` started detached, `minidocker run -d`
# and `podman run -d`, each without a network (podman's is set to none, see write_podman_conf). Each engine keeps one process per container on the host beside the
# container's own: minidocker's minidocker-monitor (state.monitorPid in the container's record,
# the parent of the container's process 1) and podman's conmon (.State.ConmonPid). Of that
# process: VmRSS from /proc/PID/status (every page it maps, shared ones whole) and Pss from
# /proc/PID/smaps_rollup (each shared page split among the processes that map it); medians
# across the containers. Then the containers are removed.
# ps -a: PS_COUNT containers created (`create busybox true`, never started) in a fresh
# minidocker root and a fresh podman store, then N rounds, in rotating order, of `ps -a` over
# each, after one untimed warm-up each; wall clock from start to exit.
#
# The image (busybox-static, built as in bench/run.sh) is pushed to a docker-registry on a free
# loopback port, pulled into each store, and the registry stopped before anything is measured.
# This is a benchmark, not a test: it prints medians and ratios and exits 0 whenever it could
# measure something. It installs nothing; it names the Debian packages that are missing. On any
# exit, Ctrl-C included, it removes what it made: containers (by id, rm -f), stores, cgroups.
#
# Usage: bench/lifecycle.sh [-n ROUNDS] [-c COUNT] [-p PS_COUNT] [--only minidocker,podman] [--json]
#   -n ROUNDS     timed rounds of ps -a (default 10)
#   -c COUNT      detached containers whose resident process is measured (default 10)
#   -p PS_COUNT   created containers in the stores that ps -a lists (default 100)
#   --only LIST   a comma-separated subset of the tools
#   --json        one JSON object on stdout instead of the table
#
# Environment:
#   BENCH_TMP   parent of the per-run scratch dir holding the stores (default /var/tmp); keep it
#               on a disk, not a tmpfs
#   MINIDOCKER  the minidocker command (default: the wrapper at the repository root)
#   BUSYBOX     the static busybox the image is made of (default /bin/busybox, busybox-static)

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
readonly BUSYBOX=${BUSYBOX:-/bin/busybox}
readonly ALL_TOOLS=(minidocker podman)
readonly TARGET_KB=2048   # at most 2 MiB resident per detached container beyond its own processes

ROUNDS=10
COUNT=10
PS_COUNT=100
JSON=false
SELECTED=("${ALL_TOOLS[@]}")

declare -A RESIDENT_FAILED=()   # tool -> why its detached containers could not be measured
declare -A PROCESS=()           # tool -> the name of its resident process's executable

parse_args() {
    while (($#)); do
        case $1 in
            -n) ROUNDS=${2:?-n needs a number}; shift ;;
            -n*) ROUNDS=${1#-n} ;;
            -c) COUNT=${2:?-c needs a number}; shift ;;
            -c*) COUNT=${1#-c} ;;
            -p) PS_COUNT=${2:?-p needs a number}; shift ;;
            -p*) PS_COUNT=${1#-p} ;;
            --only) IFS=, read -r -a SELECTED <<<"${2:?--only needs a list}"; shift ;;
            --only=*) IFS=, read -r -a SELECTED <<<"${1#--only=}" ;;
            --json) JSON=true ;;
            -h|--help) usage 0 ;;
            *) log "unknown argument: $1"; usage 2 ;;
        esac
        shift
    done
    local n
    for n in "$ROUNDS" "$COUNT" "$PS_COUNT"; do
        [[ $n =~ ^[1-9][0-9]*$ ]] || die "-n, -c and -p want a positive number, not '$n'"
    done
    local t
    for t in "${SELECTED[@]}"; do
        [[ " ${ALL_TOOLS[*]} " == *" $t "* ]] || die "--only: unknown tool '$t' (know: ${ALL_TOOLS[*]})"
    done
}

# Fail early with the list of Debian packages to install, for the parts that were selected.
# minidocker is not checked here: its absence only makes it "n/a" in the report.
check_tools() {
    local need=(docker-registry=docker-registry skopeo=skopeo python3=python3 curl=curl
                awk=gawk sort=coreutils umount=mount ldd=libc-bin)
    if selected podman; then need+=(podman=podman runc=runc conmon=conmon); fi
    require_tools "${need[@]}"
    require_static_busybox
}

# --- the stores ------------------------------------------------------------------------------
# Two stores per tool: "run" holds the detached containers, "ps" the created ones that ps lists.
# Podman's runroot is on /run under a short name (it wants <= 50 characters).

minidocker_in() {   # minidocker_in STORE ARG...
    local store=$1
    shift
    "$MINIDOCKER" --root "$WORK/minidocker-$store" "$@"
}

podman_in() {   # podman_in STORE ARG...
    local store=$1
    shift
    podman_store "$WORK/podman-$store" "$RUNDIR/p$store" "$@"
}

# Each tool's one-off setup, untimed: the image pulled into both of its stores.
setup_minidocker() {
    minidocker_in run pull -q "$IMAGE_REF" && minidocker_in ps pull -q "$IMAGE_REF"
}

# Podman runs its containers with runc, with cgroupfs (no systemd here) under our own cgroup
# parent, and logs its events to a file in its tmp dir rather than to the machine's journal.
setup_podman() {
    write_podman_conf "$WORK/containers.conf" 'cgroup_manager = "cgroupfs"' 'events_logger = "file"'
    podman_in run pull -q --tls-verify=false "$IMAGE_REF" && podman_in ps pull -q --tls-verify=false "$IMAGE_REF"
}

# Why a tool cannot take part (for warm_up in lib.sh), or nothing.
precheck() {
    if [[ $1 == minidocker && ! -x $MINIDOCKER ]]; then
        printf 'no %s' "$MINIDOCKER"
    fi
    printf '%s' "${SETUP_FAILED[$1]:-}"
}

# --- cleanup ---------------------------------------------------------------------------------

# remove_containers TOOL STORE: every container in that store of ours, by id, forced.
remove_containers() {
    local tool=$1 store=$2 ids=()
    [[ -d $WORK/$tool-$store ]] || return 0
    if [[ $tool == minidocker ]]; then
        mapfile -t ids < <(minidocker_in "$store" ps -aq --no-trunc 2>/dev/null)
        ((${#ids[@]} == 0)) || minidocker_in "$store" rm -f "${ids[@]}" >/dev/null 2>&1
    else
        mapfile -t ids < <(podman_in "$store" ps -aq --no-trunc 2>/dev/null)
        ((${#ids[@]} == 0)) || podman_in "$store" rm -f --time 0 "${ids[@]}" >/dev/null 2>&1
    fi || log "warning: $tool rm -f in the $store store failed"
}

# Run by lib.sh's cleanup on any exit, after the timed command and the registry are stopped.
cleanup_hook() {
    local tool store
    [[ -n $WORK ]] || return 0
    for tool in "${ALL_TOOLS[@]}"; do
        for store in run ps; do remove_containers "$tool" "$store"; done
    done
    remove_minidocker_cgroups "$WORK/minidocker-run" "$WORK/minidocker-ps"
    remove_own_cgroup
}

# --- resident memory of detached containers --------------------------------------------------

start_detached() {   # start_detached TOOL: one `sleep 1000` container, detached; prints its id
    if [[ $1 == minidocker ]]; then
        minidocker_in run run -d --network none "$IMAGE_REF" sleep 1000
    else
        podman_in run run -d --cgroup-parent "/$CG_PARENT/podman" "$IMAGE_REF" sleep 1000
    fi
}

resident_pid() {   # resident_pid TOOL ID: the pid of the engine's process beside container ID
    if [[ $1 == minidocker ]]; then
        python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["state"]["monitorPid"])' \
            "$WORK/minidocker-run/containers/$2/container.json"
    else
        podman_in run inspect --format '{{.State.ConmonPid}}' "$2"
    fi
}

# kB of field $2 ("VmRSS:", "Pss:") in /proc file $1, or nothing.
proc_kb() { awk -v f="$2" '$1 == f { print $2; exit }' "$1" 2>/dev/null; }

# measure_resident TOOL: start COUNT detached containers, let them settle, then write one line
# per container, "PID EXECUTABLE VMRSS_KB PSS_KB", to $WORK/resident.TOOL; remove the containers.
measure_resident() {
    local tool=$1 ids=() id pid i rss pss comm
    log "resident: $tool, $COUNT detached containers ..."
    for ((i = 1; i <= COUNT; i++)); do
        id=$(start_detached "$tool" 2>>"$WORK/logs/$tool.detached.log") || {
            RESIDENT_FAILED[$tool]="run -d failed: $(tail -3 "$WORK/logs/$tool.detached.log" | tr -s '\n' ' ')"
            break
        }
        ids+=("$id")
    done
    # A moment for each process to reach its steady state (a monitor's first reads and writes).
    sleep 2
    : >"$WORK/resident.$tool"
    for id in "${ids[@]}"; do
        pid=$(resident_pid "$tool" "$id" 2>>"$WORK/logs/$tool.detached.log") || pid=""
        comm=$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)")
        rss=$(proc_kb "/proc/$pid/status" VmRSS:)
        pss=$(proc_kb "/proc/$pid/smaps_rollup" Pss:)
        if [[ $pid =~ ^[1-9][0-9]*$ && -n $comm && -n $rss && -n $pss ]]; then
            printf '%s %s %s %s\n' "$pid" "$comm" "$rss" "$pss" >>"$WORK/resident.$tool"
        else
            RESIDENT_FAILED[$tool]="no resident process found for container ${id:0:12} (pid '$pid')"
        fi
    done
    [[ -s $WORK/resident.$tool ]] && PROCESS[$tool]=$(awk '{ print $2 }' "$WORK/resident.$tool" | sort -u | paste -sd/)
    remove_containers "$tool" run
}

measure_all_resident() {
    local tool
    for tool in "${SELECTED[@]}"; do
        if [[ -n $(precheck "$tool") ]]; then
            RESIDENT_FAILED[$tool]=$(precheck "$tool")
            continue
        fi
        measure_resident "$tool"
    done
}

# resident_median TOOL COLUMN: the median of that column (3: VmRSS, 4: Pss) across containers, kB.
resident_median() {
    [[ -s $WORK/resident.$1 ]] || return 0
    awk -v c="$2" '{ print $c }' "$WORK/resident.$1" >"$WORK/resident.$1.col$2"
    median "$WORK/resident.$1.col$2" 0
}

# --- ps -a over a store of created containers ------------------------------------------------

create_containers() {   # create_containers TOOL: PS_COUNT `create busybox true` in its ps store
    local tool=$1 i
    log "ps store: $tool, creating $PS_COUNT containers ..."
    for ((i = 1; i <= PS_COUNT; i++)); do
        if [[ $tool == minidocker ]]; then
            minidocker_in ps create --network none "$IMAGE_REF" true
        else
            podman_in ps create "$IMAGE_REF" true
        fi >>"$WORK/logs/$tool.create.log" 2>&1 || {
            SETUP_FAILED[$tool]="create failed: $(tail -3 "$WORK/logs/$tool.create.log" | tr -s '\n' ' ')"
            log "  $tool unavailable: ${SETUP_FAILED[$tool]}"
            return 0
        }
    done
}

ps_minidocker() { minidocker_in ps ps -a; }
ps_podman() { podman_in ps ps -a; }

# One `ps -a` of tool $1, timed (SECS); a listing without a header and PS_COUNT rows fails.
timed_ps() {
    local tool=$1 label=$2 lines
    local log="$WORK/logs/$tool.$label.log"
    time_job "$log" "ps_$tool" || return
    lines=$(wc -l <"$log")
    if ((lines != PS_COUNT + 1)); then
        printf 'expected %d lines (a header and %d containers), got %d\n' "$((PS_COUNT + 1))" "$PS_COUNT" "$lines" >>"$log"
        return 1
    fi
}

# --- report ----------------------------------------------------------------------------------

mib() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.2f", k / 1024 }'; }

why_no_resident() { printf '%s' "${RESIDENT_FAILED[$1]:-no measurement}"; }

report() {
    local -A rss=() pss=() psm=()
    local t load_end
    load_end=$(loadavg)
    for t in "${ALL_TOOLS[@]}"; do
        rss[$t]=$(resident_median "$t" 3)
        pss[$t]=$(resident_median "$t" 4)
        psm[$t]=$(median "$WORK/times.$t" 3)
    done
    local r_rss r_pss r_ps
    r_rss=$(ratio "${rss[minidocker]}" "${rss[podman]}")
    r_pss=$(ratio "${pss[minidocker]}" "${pss[podman]}")
    r_ps=$(ratio "${psm[minidocker]}" "${psm[podman]}")
    if [[ $JSON == true ]]; then
        report_json rss pss psm "$r_rss" "$r_pss" "$r_ps" "$load_end"
        return
    fi
    printf '\nresident per detached container: %d x busybox sleep 1000, the engine'"'"'s process beside each\n' "$COUNT"
    printf '(medians across the containers, MiB; VmRSS from /proc/PID/status, Pss from /proc/PID/smaps_rollup):\n'
    printf '  %-12s %-20s %8s %8s   %s\n' "" "process" "VmRSS" "Pss" "VmRSS of each (kB)"
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        if [[ -n ${rss[$t]} ]]; then
            printf '  %-12s %-20s %8s %8s   %s\n' "$t" "${PROCESS[$t]}" "$(mib "${rss[$t]}")" "$(mib "${pss[$t]}")" \
                "$(awk '{ print $3 }' "$WORK/resident.$t" | tr '\n' ' ')"
        else
            printf '  %-12s %-20s %8s %8s   (%s)\n' "$t" "" "n/a" "n/a" "$(why_no_resident "$t")"
        fi
    done
    printf '  %-33s %8s %8s\n' "minidocker / podman" "${r_rss:-n/a}" "${r_pss:-n/a}"
    printf '  target: minidocker VmRSS <= %s MiB per container%s\n' "$(mib "$TARGET_KB")" \
        "$([[ -n ${rss[minidocker]} ]] && verdict "${rss[minidocker]}" "$TARGET_KB")"
    printf '\nps -a over %d created containers, medians of %d rounds (seconds, wall clock; load average %s at start, %s at end):\n' \
        "$PS_COUNT" "$ROUNDS" "$LOAD_START" "$load_end"
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        if [[ -n ${psm[$t]} ]]; then
            printf '  %-20s %6s   runs: %s\n' "$t ps -a" "${psm[$t]}" "$(tr '\n' ' ' <"$WORK/times.$t")"
        else
            printf '  %-20s %6s   (%s)\n' "$t ps -a" "n/a" "$(why_na "$t")"
        fi
    done
    printf '  %-20s %6s\n' "minidocker / podman" "${r_ps:-n/a}"
}

report_json() {
    local -n jr=$1 jp=$2
    local r_rss=$4 r_pss=$5 r_ps=$6 load_end=$7 t sep=""
    printf '{"containers":%d,"resident":{' "$COUNT"
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        printf '%s"%s":{"process":%s,"median_vmrss_kb":%s,"median_pss_kb":%s,"vmrss_kb":[%s],"pss_kb":[%s]}' \
            "$sep" "$t" "$(json_str "${PROCESS[$t]:-}")" "$(json_num "${jr[$t]}")" "$(json_num "${jp[$t]}")" \
            "$(awk '{ print $3 }' "$WORK/resident.$t" 2>/dev/null | paste -sd,)" \
            "$(awk '{ print $4 }' "$WORK/resident.$t" 2>/dev/null | paste -sd,)"
        sep=","
    done
    printf '},"resident_ratios":{"vmrss":%s,"pss":%s}' "$(json_num "$r_rss")" "$(json_num "$r_pss")"
    local met=null
    [[ -n ${jr[minidocker]} ]] && met=$(awk -v r="${jr[minidocker]}" -v m="$TARGET_KB" 'BEGIN { print (r <= m) ? "true" : "false" }')
    printf ',"target":{"max_vmrss_kb":%d,"met":%s}' "$TARGET_KB" "$met"
    printf ',"ps":{"containers":%d,"rounds":%d,"loadavg_start":"%s","loadavg_end":"%s",' \
        "$PS_COUNT" "$ROUNDS" "$LOAD_START" "$load_end"
    json_medians_and_runs "$3"
    printf ',"ratio":%s}' "$(json_num "$r_ps")"
    printf ',"unavailable":{'
    sep=""
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        if [[ -z ${jr[$t]} ]]; then
            printf '%s"%s resident":%s' "$sep" "$t" "$(json_str "$(why_no_resident "$t")")"; sep=","
        fi
        if [[ ! -s $WORK/times.$t ]]; then
            printf '%s"%s ps":%s' "$sep" "$t" "$(json_str "$(why_na "$t")")"; sep=","
        fi
    done
    printf '}}\n'
}

print_header() {
    log "== bench/lifecycle.sh: what a detached container keeps resident, and ps -a over $PS_COUNT containers =="
    selected minidocker && log "  minidocker: $MINIDOCKER --root DIR run -d $IMAGE_REF sleep 1000; --root DIR2 ps -a"
    selected podman && log "  podman:     podman --root DIR --runroot /run/DIR run -d $IMAGE_REF sleep 1000; ps -a on a second store (runc, overlay, cgroupfs)"
    log "The image was pulled beforehand from docker-registry on 127.0.0.1:$PORT, stopped since."
    describe_busybox_image >&2
    log "Resident: $COUNT containers per tool. ps -a: $PS_COUNT created containers per tool, $ROUNDS rounds after one untimed warm-up."
    log "Target: minidocker keeps <= $(mib "$TARGET_KB") MiB (VmRSS) resident per detached container."
    log "Load average: $LOAD_START"
    log ""
}

main() {
    parse_args "$@"
    [[ $(id -u) == 0 ]] || die "run as root (containers are started with real namespaces and cgroups)"
    check_tools
    prepare_busybox
    print_header
    measure_all_resident
    local t
    for t in "${SELECTED[@]}"; do
        [[ -z $(precheck "$t") ]] && create_containers "$t"
    done
    warm_up timed_ps "ps -a"
    run_rounds timed_ps "list the containers"
    report
}

main "$@"
