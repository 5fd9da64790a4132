#!/usr/bin/env bash
# Installs what the tests need (Debian or Ubuntu, as root) and runs every test: unit tests and the
# integration tests against a real registry, the real kernel, skopeo and umoci.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# install [APT OPTION]... PACKAGE...: those not installed yet.
updated=
install() {
  local options=() missing=() p
  for p in "$@"; do
    case $p in
      -*) options+=("$p") ;;
      *) dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    [ -n "$updated" ] || apt-get update -qq
    updated=yes
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${options[@]}" "${missing[@]}" >/dev/null
  fi
}
install maven docker-registry skopeo umoci busybox-static apache2-utils openssl gcc libc6-dev libseccomp-dev zstd python3 \
  util-linux iproute2 containernetworking-plugins iptables asciidoctor man-db
# The guest tests (GuestIT) boot Debian's kernel under qemu: no GUI, no firmware for other machines.
install --no-install-recommends qemu-system-x86 e2fsprogs

. scripts/jdk.sh
find_jdk || exit 1
export JAVA_HOME=$java_home
if [ "$(id -u)" != 0 ]; then
  echo "test.sh: the tests need root (namespaces, overlayfs, mknod)" >&2
  exit 1
fi

mvn -B -ntp verify "$@"

# A short coverage-guided fuzzing run of every fuzz target (README: Tests).
fuzz_seconds="${MINIDOCKER_FUZZ_SECONDS:-20}"
if [ "$fuzz_seconds" != 0 ]; then
  scripts/fuzz.sh -s "$fuzz_seconds"
fi
