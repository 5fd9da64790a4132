# Sourced by the scripts that run or build minidocker: find_jdk sets java_home to a JDK 25 or
# newer, from MINIDOCKER_JAVA_HOME (the one asked for, taken or refused), else JAVA_HOME, else the
# newest under /usr/lib/jvm for this machine's architecture; otherwise it says what it found and
# fails. Versions come from each JDK's `release` file, read by bash: no process is started.

# jdk_feature DIR: the JDK at DIR's feature version (25 for 25.0.3, 1 for 1.8) in $feature.
jdk_feature() {
  local line
  feature=0
  [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 1
  while IFS= read -r line; do
    case $line in
      JAVA_VERSION=*) line=${line#JAVA_VERSION=\"}; feature=${line%%[!0-9]*}; return 0 ;;
    esac
  done < "$1/release"
  return 1
}

find_jdk() {
  local dir best=0 found= other
  if [ -n "${MINIDOCKER_JAVA_HOME:-}" ]; then
    if ! jdk_feature "$MINIDOCKER_JAVA_HOME"; then
      echo "minidocker: JDK 25 or newer is needed; no JDK at $MINIDOCKER_JAVA_HOME (MINIDOCKER_JAVA_HOME)" >&2
      return 1
    elif [ "$feature" -lt 25 ]; then
      echo "minidocker: JDK 25 or newer is needed; found $feature at $MINIDOCKER_JAVA_HOME (MINIDOCKER_JAVA_HOME)" >&2
      return 1
    fi
    java_home=$MINIDOCKER_JAVA_HOME
    return 0
  fi
  if [ -n "${JAVA_HOME:-}" ] && jdk_feature "$JAVA_HOME"; then
    if [ "$feature" -ge 25 ]; then java_home=$JAVA_HOME; return 0; fi
    best=$feature found=$JAVA_HOME
  fi
  case ${HOSTTYPE:-} in
    aarch64) other=amd64 ;;
    *) other=arm64 ;;
  esac
  java_home=
  for dir in /usr/lib/jvm/*; do
    case $dir in *[-_.]$other|*[-_.]$other[-_.]*) continue ;; esac
    [ ! -L "$dir" ] && jdk_feature "$dir" || continue
    if [ "$feature" -gt "$best" ]; then
      best=$feature found=$dir
    fi
  done
  if [ "$best" -ge 25 ]; then java_home=$found; return 0; fi
  if [ -n "$found" ]; then
    echo "minidocker: JDK 25 or newer is needed; found $best at $found (set MINIDOCKER_JAVA_HOME)" >&2
  else
    echo "minidocker: JDK 25 or newer is needed; found none in JAVA_HOME or /usr/lib/jvm (set MINIDOCKER_JAVA_HOME)" >&2
  fi
  return 1
}
