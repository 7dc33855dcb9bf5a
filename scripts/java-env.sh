# shellcheck shell=bash
# Finds a JDK 25 or newer, exports JAVA_HOME and puts its bin/ first on PATH.
#
# Sourced by every vtrace script (bin/trace, bin/test, .ci/run). Run directly
# (`bash scripts/java-env.sh`) it prints the JDK it chose, which is how tests
# and people check the detection.
#
# Order:
#   1. JAVA_HOME, when it is a JDK 25+ (an explicit choice wins).
#   2. The search list: the lowest feature release >= 25 found there, so the
#      JDK the recorder was written against (25) is preferred over an early
#      access build; ties go to the first in glob (alphabetical) order.
#      Default list: /usr/lib/jvm/*, /usr/local/*jdk*, /opt/*jdk*,
#      ~/.sdkman/candidates/java/*, /Library/Java/JavaVirtualMachines/*/Contents/Home,
#      then the `java` on PATH.
#      VTRACE_JDK_SEARCH_DIRS (colon-separated glob patterns, each naming
#      candidate JDK homes) replaces the whole default list, PATH included;
#      set but empty, it searches nothing.
# A candidate is a directory with bin/java, bin/javac and a `release` file whose
# JAVA_VERSION names a feature release >= 25 ("25.0.3", "26-ea").
#
# None found: one line on stderr, exit 1 (return 1 in an interactive shell).
# Only shell builtins and readlink run here (about 20 ms); keep it that way.

_vtrace_min_feature=25

# Prints the feature release of JDK home $1 ("25" for "25.0.3"), or nothing.
_vtrace_feature() {
  [ -f "$1/release" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local line v
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      JAVA_VERSION=*)
        v=${line#JAVA_VERSION=}
        v=${v#\"}
        v=${v%%[!0-9]*}
        [ -n "$v" ] && printf '%s' "$v" && return 0
        return 1 ;;
    esac
  done < "$1/release"
  return 1
}

# Home of the `java` on PATH, following symlinks (/usr/bin/java -> alternatives -> JDK).
_vtrace_path_java_home() {
  local p dir
  p=$(command -v java 2>/dev/null) || return 1
  while [ -L "$p" ]; do
    dir=${p%/*}
    p=$(readlink "$p") || return 1
    case $p in /*) ;; *) p="$dir/$p" ;; esac
  done
  p=${p%/*}
  printf '%s' "${p%/*}"
}

_vtrace_find_jdk() {
  local f best="" best_f="" d patterns
  if [ -n "${JAVA_HOME:-}" ]; then
    f=$(_vtrace_feature "$JAVA_HOME") || f=""
    if [ -n "$f" ] && [ "$f" -ge "$_vtrace_min_feature" ]; then
      printf '%s' "$JAVA_HOME"
      return 0
    fi
  fi
  if [ -n "${VTRACE_JDK_SEARCH_DIRS+set}" ]; then
    patterns=$VTRACE_JDK_SEARCH_DIRS
  else
    patterns="/usr/lib/jvm/*:/usr/local/*jdk*:/opt/*jdk*:${HOME:-/nonexistent}/.sdkman/candidates/java/*:/Library/Java/JavaVirtualMachines/*/Contents/Home"
    d=$(_vtrace_path_java_home) && patterns="$patterns:$d"
  fi
  local IFS=:
  # Unquoted on purpose: split on ':' then glob each pattern.
  for d in $patterns; do
    [ -n "$d" ] || continue
    f=$(_vtrace_feature "$d") || continue
    [ "$f" -ge "$_vtrace_min_feature" ] || continue
    if [ -z "$best" ] || [ "$f" -lt "$best_f" ]; then
      best=$d best_f=$f
    fi
  done
  [ -n "$best" ] || return 1
  printf '%s' "$best"
}

if _vtrace_jdk=$(_vtrace_find_jdk); then
  JAVA_HOME=$_vtrace_jdk
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
  unset -f _vtrace_feature _vtrace_path_java_home _vtrace_find_jdk
  unset _vtrace_jdk _vtrace_min_feature
  if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    printf '%s\n' "$JAVA_HOME"
  fi
else
  unset -f _vtrace_feature _vtrace_path_java_home _vtrace_find_jdk
  unset _vtrace_jdk _vtrace_min_feature
  echo "vtrace needs JDK 25 or newer; none found in JAVA_HOME or /usr/lib/jvm. Install one (e.g. apt-get install temurin-25-jdk) or set JAVA_HOME." >&2
  case $- in
    *i*) return 1 ;;
  esac
  exit 1
fi
