#!/usr/bin/env bash
# Installs minidocker from this checkout so that it runs without a JDK: a runtime linked by jlink
# with only the JDK modules the jars require, the jars and native helpers, the AOT caches made for
# that runtime, bin/minidocker and bin/minidocker-puller, a man page per command, and bash's and
# zsh's completion. Every path it writes is listed in lib/minidocker/installed, which --uninstall
# reads to remove exactly those (and the directories it made, when they are left empty).
# Usage: install.sh [--prefix DIR] [--systemd] [--uninstall]   (default prefix /usr/local)
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
prefix=/usr/local
uninstall=
usage() {
  echo "usage: install.sh [--prefix DIR] [--systemd] [--uninstall]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) uninstall=yes; shift ;;
    # The unit would start at boot the containers whose restart policy asks for it.
    --systemd) echo "install.sh: --systemd: minidocker has no restart policy yet, so no unit to install" >&2; exit 2 ;;
    -h|--help) usage ;;
    *) echo "install.sh: unknown option $1" >&2; usage ;;
  esac
done
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
dir=$prefix/lib/minidocker
manifest=$dir/installed

# Removes what the manifest lists: files and links, then the directories it made, deepest first,
# each only if empty (something of someone else's may have been put there since).
remove_installed() {
  local path paths
  [ -f "$manifest" ] || return 0
  mapfile -t paths < <(sort -r "$manifest")
  for path in "${paths[@]}"; do
    case $path in
      */) ;;
      *) rm -rf -- "$path" ;;
    esac
  done
  for path in "${paths[@]}"; do
    case $path in
      */) rmdir -- "$path" 2>/dev/null || true ;;
    esac
  done
}

if [ -n "$uninstall" ]; then
  if [ ! -f "$manifest" ]; then
    echo "install.sh: nothing installed under $prefix (no $manifest)" >&2
    exit 1
  fi
  remove_installed
  echo "install.sh: removed minidocker from $prefix"
  exit 0
fi
if [ -e "$dir" ] && [ ! -f "$manifest" ]; then
  echo "install.sh: $dir exists but was not installed by install.sh; not touching it" >&2
  exit 1
fi

. "$home/scripts/jdk.sh"
find_jdk || exit 1
for tool in jlink asciidoctor; do
  if ! command -v "$tool" >/dev/null && [ ! -x "$java_home/bin/$tool" ]; then
    echo "install.sh: $tool is needed (the runtime is linked by the JDK's jlink; the man pages are made with asciidoctor: apt install asciidoctor)" >&2
    exit 1
  fi
done

# The build: the checkout's wrapper builds when a source is newer than the jars; the generator of
# the man pages is a module of the same build.
"$home/minidocker" --version >/dev/null
lib=$home/cli/target/lib
if [ ! -d "$home/manpages/target/lib" ]; then
  (cd "$home" && JAVA_HOME="$java_home" mvn -q -B -ntp -DskipTests package >/dev/null 2>&1) || {
    echo "install.sh: build failed (run ./minidocker to see why)" >&2
    exit 1
  }
fi

stage=$(mktemp -d "$prefix/.minidocker-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# The JDK modules the jars require: the module system's resolution from the command's module,
# its `requires` edges followed (services it binds at run time are left out, as jlink does).
modules=$("$java_home/bin/java" --show-module-resolution -p "$lib" -m dev.minidocker.cli/dev.minidocker.cli.Main --version |
  awk '$2 == "requires" { edge[$1] = edge[$1] " " $3 }
       END {
         queue[0] = "dev.minidocker.cli"; seen["dev.minidocker.cli"] = 1; out = "java.base"
         for (i = 0; i < n + 1; i++) {
           split(edge[queue[i]], next_, " ")
           for (k in next_) if (!(next_[k] in seen)) {
             seen[next_[k]] = 1; queue[++n] = next_[k]
             if (next_[k] ~ /^(java|jdk)\./) out = out "," next_[k]
           }
         }
         print out
       }')
echo "install.sh: linking a runtime with $modules"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$stage/runtime"
mkdir "$stage/lib"
for f in "$lib"/*; do
  case ${f##*/} in
    *.aot|*.aot.lib|.aot.lock) ;;
    *) cp -p "$f" "$stage/lib/" ;;
  esac
done
cp -p "$home/scripts/launch.sh" "$stage/"

# The pages in AsciiDoc by picocli's generator, from the commands' models; troff by asciidoctor.
mkdir -p "$stage/adoc" "$stage/man1"
"$java_home/bin/java" -cp "$home/manpages/target/lib/*:$home/manpages/target/classes" dev.minidocker.manpages.ManPages "$stage/adoc"
asciidoctor -b manpage -a mansource="minidocker 0.1.0" -D "$stage/man1" "$stage/adoc"/*.adoc
"$stage/runtime/bin/java" -p "$stage/lib" -m dev.minidocker.cli/dev.minidocker.cli.Main completion bash > "$stage/bash"
"$stage/runtime/bin/java" -p "$stage/lib" -m dev.minidocker.cli/dev.minidocker.cli.Main completion zsh > "$stage/zsh"

# An earlier installation is replaced: what it listed goes first.
remove_installed
made=()
# make_dir DIR: DIR and its missing parents, each one made listed for --uninstall.
make_dir() {
  local missing=() d=$1
  while [ ! -d "$d" ]; do
    missing=("$d" "${missing[@]}")
    d=${d%/*}
  done
  for d in "${missing[@]}"; do
    mkdir "$d"
    made+=("$d/")
  done
}
make_dir "$dir"
make_dir "$prefix/bin"
make_dir "$prefix/share/man/man1"
make_dir "$prefix/share/bash-completion/completions"
make_dir "$prefix/share/zsh/site-functions"
mv "$stage/runtime" "$stage/lib" "$stage/launch.sh" "$dir/"
files=("$dir/runtime" "$dir/lib" "$dir/launch.sh")

# The commands: the runtime's java, the installed jars, the cache made for them (below).
cat > "$prefix/bin/minidocker" <<EOF
#!/usr/bin/env bash
# minidocker, installed by install.sh; the runtime and jars are in $dir.
set -euo pipefail
java="$dir/runtime/bin/java"
lib="$dir/lib"
aot=()
if [ -f "\$lib/cli.aot" ]; then
  aot=(-XX:AOTCache="\$lib/cli.aot")
fi
. "$dir/launch.sh"
EOF
chmod 755 "$prefix/bin/minidocker"
ln -sfn minidocker "$prefix/bin/minidocker-puller"
files+=("$prefix/bin/minidocker" "$prefix/bin/minidocker-puller")
for page in "$stage/man1"/*.1; do
  install -m 644 "$page" "$prefix/share/man/man1/"
  files+=("$prefix/share/man/man1/${page##*/}")
done
install -m 644 "$stage/bash" "$prefix/share/bash-completion/completions/minidocker"
install -m 644 "$stage/zsh" "$prefix/share/zsh/site-functions/_minidocker"
files+=("$prefix/share/bash-completion/completions/minidocker" "$prefix/share/zsh/site-functions/_minidocker")
printf '%s\n' "${files[@]}" "$manifest" "${made[@]}" > "$manifest"

# The AOT caches, made by the installed runtime for the installed jars (a cache is valid only for
# the runtime and the jar paths it was made with).
echo "install.sh: training the AOT caches"
"$home/scripts/aot-train.sh" "$dir/runtime/bin/java" "$dir/lib" ||
  echo "install.sh: AOT training failed; minidocker runs without a cache" >&2
echo "install.sh: installed minidocker in $prefix ($prefix/bin/minidocker; --uninstall removes it)"
