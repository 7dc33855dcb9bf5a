#!/usr/bin/env bash
# Whole-process overhead of the recorder, side by side in one run: each round runs every
# configuration once, alternating, so drift (thermal, noisy neighbours) hits all alike.
#
#   bench/overhead.sh [rounds] [configs...]
#
# configs: "none" (no agent) or agent option strings, e.g. "stacks=none" "stacks=block".
# Default: 5 rounds of none, stacks=none, stacks=block.
# A config prefixed "base:" (e.g. "base:stacks=block") uses the agent jar named by BASE_AGENT
# instead of this tree's: before/after comparisons of two agent versions alternate in one run.
# Workloads (bench/src/main/java/dev/vtrace/bench/OverheadWorkloads.java):
#   pingpong: 8 pairs of virtual threads, 50k round trips each through SynchronousQueues, best of
#             reps 2..3 in one JVM, in ns per round trip (lower is better);
#   http:     the JDK HttpServer, a virtual thread per request, on 127.0.0.1, loaded by
#             wrk -t1 -c32 for WRK_SECONDS (default 5 s, after a 2 s warm-up), in requests/s.
# Needs: ./mvnw -q -B -Pbench -pl bench -am package -DskipTests   (builds the agent too), wrk.
# Prints every sample, then per configuration the median and its ratio to the first configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh >/dev/null
ROUNDS=${1:-5}
shift || true
CONFIGS=("$@")
[ ${#CONFIGS[@]} -eq 0 ] && CONFIGS=(none stacks=none stacks=block)
WRK_SECONDS=${WRK_SECONDS:-5}
JAR=bench/target/benchmarks.jar
AGENT=$PWD/recorder/target/vtrace-agent.jar
[ -f "$JAR" ] && [ -f "$AGENT" ] || { echo "build first: ./mvnw -q -B -Pbench -pl bench -am package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

jvm() { # config → java command prefix
    local c=$1
    if [ "$c" = none ]; then
        echo "java -cp $JAR"
    elif [ "${c#base:}" != "$c" ]; then
        [ -f "${BASE_AGENT:-}" ] || { echo "config $c needs BASE_AGENT=<agent jar>" >&2; exit 2; }
        echo "java -javaagent:$BASE_AGENT=file=$TMP/trace-%p.bin,${c#base:} -cp $JAR"
    else
        echo "java -javaagent:$AGENT=file=$TMP/trace-%p.bin,$c -cp $JAR"
    fi
}

pingpong() {
    $(jvm "$1") dev.vtrace.bench.OverheadWorkloads pingpong 8 50000 3 | awk '/pingpong.ns.per.roundtrip/ {print $2}'
    rm -f "$TMP"/trace-*.bin
}

http() {
    local out=$TMP/server-$RANDOM$RANDOM.out   # fresh per run: a reused file races with the old port
    $(jvm "$1") dev.vtrace.bench.OverheadWorkloads http 0 >"$out" 2>&1 &
    local pid=$!
    local port=""
    for _ in $(seq 100); do
        port=$(awk '/^listening/ {print $2}' "$out" 2>/dev/null || true)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "server did not start: $(cat "$out")" >&2; kill "$pid"; exit 1; }
    wrk -t1 -c32 -d2s "http://127.0.0.1:$port/" >/dev/null
    wrk -t1 -c32 -d"${WRK_SECONDS}s" "http://127.0.0.1:$port/" | awk '/^Requests\/sec/ {print $2}'
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -f "$TMP"/trace-*.bin
}

declare -A PP HT
for r in $(seq "$ROUNDS"); do
    for c in "${CONFIGS[@]}"; do
        p=$(pingpong "$c")
        h=$(http "$c")
        PP[$c]="${PP[$c]:-} $p"
        HT[$c]="${HT[$c]:-} $h"
        printf 'round %d  %-18s pingpong %8s ns/rt   http %10s req/s\n' "$r" "$c" "$p" "$h"
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
printf '%-18s %14s %8s %14s %8s\n' config pingpong.ns/rt ratio http.req/s ratio
base_p=$(echo "${PP[${CONFIGS[0]}]}" | median)
base_h=$(echo "${HT[${CONFIGS[0]}]}" | median)
for c in "${CONFIGS[@]}"; do
    mp=$(echo "${PP[$c]}" | median)
    mh=$(echo "${HT[$c]}" | median)
    printf '%-18s %14.1f %8.2f %14.0f %8.3f\n' "$c" "$mp" "$(echo "$mp / $base_p" | bc -l)" "$mh" "$(echo "$mh / $base_h" | bc -l)"
done
