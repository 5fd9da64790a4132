#!/usr/bin/env bash
# bench/pull.sh - time pulling a ~90 MB (gzip), 3-layer image from a local registry with
# minidocker, `podman pull` and `skopeo copy` + `umoci unpack`, against a floor of extracting the
# same three layer blobs with three parallel `tar -xzf`.
#
# This is a benchmark, not a test: it prints medians and ratios and exits 0 whenever it could
# measure something. It installs nothing; it names the Debian packages that are missing.
#
# Usage: bench/pull.sh [-n ROUNDS] [--only minidocker,podman,skopeo,tar] [--json] [--rebuild]
#
# Environment:
#   BENCH_CACHE     where the test image is built once and kept (default /var/tmp/minidocker-bench)
#   BENCH_TMP       parent of the per-run scratch dir holding the fresh stores (default /var/tmp);
#                   keep it on a disk, not a tmpfs, or the tools are compared on RAM writes
#   BENCH_LAYER_MB  compressed size of each of the 3 layers when the image is built (default 30)
#   BENCH_FORMAT    manifest format pushed to the registry: oci (default) or v2s2
#   MINIDOCKER      the minidocker command (default: the wrapper at the repository root)

set -euo pipefail
# Job control: every timed command runs as a background job in its own process group, so that
# Ctrl-C or TERM reaches this script's trap at once and the trap can end that whole group by id.
set -m

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
readonly SCRIPT_DIR REPO
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"
readonly CACHE=${BENCH_CACHE:-/var/tmp/minidocker-bench}
readonly IMAGE_DIR=$CACHE/image            # OCI layout of the test image (tag "latest")
readonly LAYER_MB=${BENCH_LAYER_MB:-30}
readonly FORMAT=${BENCH_FORMAT:-oci}
readonly MINIDOCKER=${MINIDOCKER:-$REPO/minidocker}
readonly ALL_TOOLS=(minidocker podman skopeo tar)

ROUNDS=5
JSON=false
REBUILD=false
SELECTED=("${ALL_TOOLS[@]}")
IMAGE_REF=""

parse_args() {
    while (($#)); do
        case $1 in
            -n) ROUNDS=${2:?-n needs a number}; shift ;;
            -n*) ROUNDS=${1#-n} ;;
            --only) IFS=, read -r -a SELECTED <<<"${2:?--only needs a list}"; shift ;;
            --only=*) IFS=, read -r -a SELECTED <<<"${1#--only=}" ;;
            --json) JSON=true ;;
            --rebuild) REBUILD=true ;;
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
    [[ $FORMAT == oci || $FORMAT == v2s2 ]] || die "BENCH_FORMAT must be oci or v2s2"
}

# --- tools -----------------------------------------------------------------------------------

# Fail early with the list of Debian packages to install, for the parts that were selected.
# minidocker is not checked here: it is this repository's own, and its absence only makes it
# "unavailable" in the report.
check_tools() {
    local need=(docker-registry=docker-registry skopeo=skopeo python3=python3 curl=curl
                tar=tar gzip=gzip awk=gawk sort=coreutils umount=mount)
    if selected podman; then need+=(podman=podman runc=runc); fi
    if selected skopeo; then need+=(umoci=umoci); fi
    require_tools "${need[@]}"
}

# --- the test image --------------------------------------------------------------------------

# Build the image once into $IMAGE_DIR: three gzip layers of real system files from this
# machine (executables, shared libraries, data), each cut at $LAYER_MB MB compressed, so that
# layer contents compress like a real distribution image. Python's tarfile lets us stop each
# layer at an exact compressed size in one pass and compute diff_ids while writing.
build_image() {
    if [[ -f $IMAGE_DIR/index.json && -f $CACHE/layers.txt && $REBUILD == false ]]; then
        return 0
    fi
    log "building the test image in $IMAGE_DIR (once; kept for later runs) ..."
    rm -rf "$IMAGE_DIR" "$CACHE/layers.txt" "$IMAGE_DIR.tmp"
    mkdir -p "$CACHE"
    python3 - "$IMAGE_DIR.tmp" "$LAYER_MB" "$CACHE" <<'PY'
import gzip, hashlib, json, os, platform, stat, sys, tarfile

out, layer_mb, cache = sys.argv[1], float(sys.argv[2]), os.path.realpath(sys.argv[3])
target = int(layer_mb * 1024 * 1024)
multiarch = {"x86_64": "x86_64-linux-gnu", "aarch64": "aarch64-linux-gnu"}.get(platform.machine(), "")
# Each layer takes files from its roots in sorted order until it reaches the target size.
LAYERS = [
    ("executables", ["/usr/bin", "/usr/sbin", "/usr/libexec", "/usr/local/bin"]),
    ("libraries", ["/usr/lib/" + multiarch, "/usr/lib64", "/usr/lib"]),
    ("data", ["/usr/share", "/etc"]),
]
# Never pack pseudo file systems, another engine's store, or our own output.
EXCLUDE = ("/proc", "/sys", "/dev", "/run", "/tmp", "/var/lib/minidocker",
           "/var/lib/containers", cache)

def excluded(p):
    return any(p == e or p.startswith(e + "/") for e in EXCLUDE)

class HashingWriter:
    """Feeds the tar stream to gzip while hashing it (the layer's diff_id) and counting it."""
    def __init__(self, sink):
        self.sink, self.sha, self.size = sink, hashlib.sha256(), 0
    def write(self, b):
        self.sha.update(b); self.size += len(b); return self.sink.write(b)

def walk(path):
    yield path
    if os.path.isdir(path) and not os.path.islink(path):
        try:
            names = sorted(os.listdir(path))
        except OSError:
            return
        for n in names:
            child = os.path.join(path, n)
            if not excluded(child) and not os.path.ismount(child):
                yield from walk(child)

blobs = os.path.join(out, "blobs", "sha256")
os.makedirs(blobs, exist_ok=True)

def put_blob(data):
    d = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, d), "wb") as f:
        f.write(data)
    return "sha256:" + d, len(data)

taken = set()         # files already in an earlier layer: layers stay disjoint
layers, diff_ids, report = [], [], []
for name, roots in LAYERS:
    tmp = os.path.join(out, "layer.tmp")
    files = 0
    with open(tmp, "wb") as raw:
        gz = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0)
        hw = HashingWriter(gz)
        tar = tarfile.open(fileobj=hw, mode="w|", format=tarfile.PAX_FORMAT)
        parents_done = set()
        full = False
        for root in roots:
            if full or not os.path.isdir(root) or excluded(root) or root in taken:
                continue
            # Parent directories first, as in any layer made from a rootfs.
            parts = root.strip("/").split("/")
            for i in range(1, len(parts)):
                parent = "/" + "/".join(parts[:i])
                if parent not in parents_done:
                    tar.addfile(tar.gettarinfo(parent, arcname=parent.lstrip("/")))
                    parents_done.add(parent)
            for p in walk(root):
                if p in taken:
                    continue
                try:
                    ti = tar.gettarinfo(p, arcname=p.lstrip("/"))
                except OSError:
                    continue
                # Sockets come back as None; leave out devices and fifos too.
                if ti is None or not (ti.isreg() or ti.isdir() or ti.issym() or ti.islnk()):
                    continue
                # Skip a file that would overshoot the layer's size by itself (libLLVM and the
                # like): assume it gzips to no less than 40%, and look on for smaller ones.
                if ti.isreg() and raw.tell() + ti.size * 0.4 > target * 1.03:
                    continue
                try:
                    if ti.isreg():
                        with open(p, "rb") as f:
                            tar.addfile(ti, f)
                        files += 1
                    else:
                        tar.addfile(ti)
                except OSError:
                    continue
                taken.add(p)
                if not ti.isdir():
                    parents_done.add(p)
                if raw.tell() >= target * 0.99:
                    full = True
                    break
        tar.close()
        gz.close()
    with open(tmp, "rb") as f:
        data = f.read()
    os.unlink(tmp)
    digest, size = put_blob(data)
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                   "digest": digest, "size": size})
    diff_ids.append("sha256:" + hw.sha.hexdigest())
    report.append(f"{digest} {size} {hw.size} {files} {name}")
    if size < target * 0.8:
        print(f"warning: layer '{name}' is only {size >> 20} MB: its roots ran out", file=sys.stderr)

arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
config = {
    "architecture": arch, "os": "linux", "created": "2024-01-01T00:00:00Z",
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
    "rootfs": {"type": "layers", "diff_ids": diff_ids},
    "history": [{"created": "2024-01-01T00:00:00Z", "created_by": f"bench/pull.sh: {n}"}
                for n, _ in LAYERS],
}
cdigest, csize = put_blob(json.dumps(config, separators=(",", ":")).encode())
manifest = {
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
               "digest": cdigest, "size": csize},
    "layers": layers,
}
mdigest, msize = put_blob(json.dumps(manifest, separators=(",", ":")).encode())
index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
         "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                        "digest": mdigest, "size": msize,
                        "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}
with open(os.path.join(out, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
with open(os.path.join(out, "index.json"), "w") as f:
    json.dump(index, f)
# One line per layer: digest, compressed bytes, uncompressed bytes, regular files, name.
with open(os.path.join(cache, "layers.txt"), "w") as f:
    f.write("\n".join(report) + "\n")
PY
    mv "$IMAGE_DIR.tmp" "$IMAGE_DIR"
}

# Blob paths of the layers, in manifest order (for the parallel-tar floor).
layer_blobs() {
    local digest _
    while read -r digest _; do
        printf '%s\n' "$IMAGE_DIR/blobs/sha256/${digest#sha256:}"
    done <"$CACHE/layers.txt"
}

describe_image() {
    awk '{ c += $2; u += $3; f += $4; n++
           printf "  layer %d (%s): %.1f MB gzip, %.1f MB tar, %d files\n", n, $5, $2/1048576, $3/1048576, $4 }
         END { printf "  total: %d layers, %.1f MB compressed, %.1f MB uncompressed, %d files\n", n, c/1048576, u/1048576, f }' \
        "$CACHE/layers.txt"
}

# --- the registry ----------------------------------------------------------------------------

push_image() {
    local fmt=()
    [[ $FORMAT == v2s2 ]] && fmt=(--format v2s2)
    push_oci "$IMAGE_DIR:latest" "$IMAGE_REF" "${fmt[@]}"
}

# --- the contenders --------------------------------------------------------------------------
# Each pulls $IMAGE_REF into the fresh, empty directory $1 and returns non-zero on failure.

pull_minidocker() {
    "$MINIDOCKER" --root "$1" pull "$IMAGE_REF"
}

# Podman runs with the containers.conf of write_podman_conf (lib.sh): runc, limits the kernel
# allows, no netns, and its own tmp and network dirs.
pull_podman() {
    podman_store "$1/root" "$RUNDIR/podman" pull --tls-verify=false "$IMAGE_REF"
}

pull_skopeo() {
    skopeo copy --src-tls-verify=false "docker://$IMAGE_REF" "oci:$1/oci:bench" &&
        umoci unpack --image "$1/oci:bench" "$1/bundle"
}

# The floor: the same three blobs, already on local disk, gunzipped and untarred in parallel.
pull_tar() {
    local blob i=0 pids=() rc=0
    while read -r blob; do
        mkdir -p "$1/layer$i"
        tar -xzf "$blob" -C "$1/layer$i" &
        pids+=($!)
        i=$((i + 1))
    done < <(layer_blobs)
    for i in "${pids[@]}"; do wait "$i" || rc=$?; done
    return "$rc"
}

# Run one pull of tool $1 into a fresh store, set SECS to its wall time, remove the store.
# The store is removed and the disk synced outside the timed part, so that one tool's writeback
# does not land in the next tool's time. This runs in the main shell (not in a $(...) subshell),
# so that the trap sees CHILD_PGID and job control gives the pull its own process group.
timed_pull() {
    local tool=$1 label=$2 store="$WORK/store-$1" rc=0
    remove_store "$store"
    remove_store "$RUNDIR/$tool"
    mkdir -p "$store"
    time_job "$WORK/logs/$tool.$label.log" "pull_$tool" "$store" || rc=$?
    remove_store "$store"
    remove_store "$RUNDIR/$tool"
    sync
    return "$rc"
}

# Why a tool cannot take part at all (for warm_up in lib.sh), or nothing. The warm-up pull builds
# minidocker on first use and warms the page cache with the registry's blobs and the tools' binaries.
precheck() {
    if [[ $1 == minidocker && ! -x $MINIDOCKER ]]; then
        printf 'no %s' "$MINIDOCKER"
    fi
}

# --- report ----------------------------------------------------------------------------------

report() {
    local -A med=()
    local t
    for t in "${ALL_TOOLS[@]}"; do med[$t]=$(median "$WORK/times.$t"); done
    local r_mp r_mt r_sp
    r_mp=$(ratio "${med[minidocker]}" "${med[podman]}")
    r_mt=$(ratio "${med[minidocker]}" "${med[tar]}")
    r_sp=$(ratio "${med[skopeo]}" "${med[podman]}")

    if [[ $JSON == true ]]; then
        report_json "$r_mp" "$r_mt" "$r_sp" med
        return
    fi
    local -A name=([minidocker]="minidocker pull" [podman]="podman pull"
                   [skopeo]="skopeo copy + umoci unpack" [tar]="3 parallel tar -xzf (floor)")
    printf '\nmedians of %d rounds (seconds, wall clock):\n' "$ROUNDS"
    for t in "${ALL_TOOLS[@]}"; do
        selected "$t" || continue
        if [[ -n ${med[$t]} ]]; then
            printf '  %-30s %6s   runs: %s\n' "${name[$t]}" "${med[$t]}" "$(tr '\n' ' ' <"$WORK/times.$t")"
        else
            printf '  %-30s %6s   (%s)\n' "${name[$t]}" "n/a" "${AVAILABLE[$t]:-no successful run}"
        fi
    done
    printf 'ratios:\n'
    printf '  %-30s %6s   target <= 0.50%s\n' "minidocker / podman" "${r_mp:-n/a}" "$(verdict "$r_mp" 0.5)"
    printf '  %-30s %6s   target <= 1.50%s\n' "minidocker / parallel tar" "${r_mt:-n/a}" "$(verdict "$r_mt" 1.5)"
    printf '  %-30s %6s\n' "skopeo+umoci / podman" "${r_sp:-n/a}"
}

report_json() {
    local r_mp=$1 r_mt=$2 r_sp=$3
    printf '{"rounds":%d,"image":' "$ROUNDS"
    awk '{ c += $2; u += $3; n++ } END { printf "{\"layers\":%d,\"compressed_bytes\":%d,\"uncompressed_bytes\":%d}", n, c, u }' \
        "$CACHE/layers.txt"
    printf ','
    json_medians_and_runs "$4"
    printf ',"ratios":{"minidocker/podman":%s,"minidocker/tar":%s,"skopeo_umoci/podman":%s}}\n' \
        "$(json_num "$r_mp")" "$(json_num "$r_mt")" "$(json_num "$r_sp")"
}

print_header() {
    log "== bench/pull.sh: pulling one multi-layer image from a local registry into a fresh store =="
    log "Each round times, in rotating order, wall clock from start to exit, each into a new empty dir:"
    selected minidocker && log "  minidocker:   $MINIDOCKER --root DIR pull $IMAGE_REF"
    selected podman && log "  podman:       podman --root DIR/root --runroot /run/DIR pull --tls-verify=false $IMAGE_REF (runc, overlay)"
    selected skopeo && log "  skopeo+umoci: skopeo copy docker://$IMAGE_REF oci:DIR/oci:bench && umoci unpack --image DIR/oci:bench DIR/bundle"
    selected tar && log "  tar (floor):  the 3 layer blobs from local disk, 3 parallel 'tar -xzf' into 3 dirs (no network, no store)"
    log "The registry is docker-registry on 127.0.0.1:$PORT, format $FORMAT; blobs are in the page cache after a warm-up."
    log "Removing the store and sync happen between runs, untimed. Image ($IMAGE_DIR):"
    describe_image >&2
    log "Rounds: $ROUNDS. Targets: minidocker <= 0.5 x podman and <= 1.5 x parallel tar."
    log ""
}

main() {
    parse_args "$@"
    [[ $(id -u) == 0 ]] || die "run as root (podman and umoci are measured as root, with real ownership)"
    check_tools
    install_traps
    build_image
    make_scratch
    start_registry
    IMAGE_REF=127.0.0.1:$PORT/bench:latest
    push_image
    write_podman_conf "$WORK/containers.conf"
    print_header
    warm_up timed_pull pull
    run_rounds timed_pull "pull the image"
    report
}

main "$@"
