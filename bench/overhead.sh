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
#             wrk -t1 -c32 for WRK_SECONDS (default 5 s, after WARM_SECONDS of warm-up, default
#             10 s), in requests/s.
# Needs: ./mvnw -q -B -Pbench -pl bench -am package -DskipTests   (builds the agent too), wrk.
# WORKLOADS="http" (or "pingpong") runs one of the two only (the other reads 0).
# Prints every sample, then per configuration the medians and their ratios to the first
# configuration. For http also the server JVM's CPU time per request (all threads), steadier
# than req/s when other work shares the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh >/dev/null
. bench/wrk-sample.sh
ROUNDS=${1:-5}
shift || true
CONFIGS=("$@")
[ ${#CONFIGS[@]} -eq 0 ] && CONFIGS=(none stacks=none stacks=block)
WRK_SECONDS=${WRK_SECONDS:-5}
# Long enough for the JIT to settle: with the agent, C2 still compiles the instrumented JDK paths
# and the JFR stream's parser seconds after start (perf showed C2 threads at 15 % of the CPU
# 3-7 s in, 5 % as without the agent after 12 s). A 2 s warm-up charged that to the agent.
WARM_SECONDS=${WARM_SECONDS:-10}
WORKLOADS=${WORKLOADS:-pingpong http}   # e.g. WORKLOADS=http for the server alone
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
    wrk -t1 -c32 -d"${WARM_SECONDS}s" "http://127.0.0.1:$port/" >/dev/null
    wrk_sample "$pid" "$port" "$WRK_SECONDS"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -f "$TMP"/trace-*.bin
}

declare -A PP HT HC
for r in $(seq "$ROUNDS"); do
    for c in "${CONFIGS[@]}"; do
        p=0; h=0
        [[ " $WORKLOADS " == *" pingpong "* ]] && p=$(pingpong "$c")
        hc=0
        [[ " $WORKLOADS " == *" http "* ]] && read -r h hc < <(http "$c")
        PP[$c]="${PP[$c]:-} $p"
        HT[$c]="${HT[$c]:-} $h"
        HC[$c]="${HC[$c]:-} $hc"
        printf 'round %d  %-26s pingpong %8s ns/rt   http %10s req/s %8s us-cpu/req\n' "$r" "$c" "$p" "$h" "$hc"
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b > 0 ? a / b : 0)}'; }
printf '%-26s %14s %7s %11s %7s %11s %7s\n' config pingpong.ns/rt ratio http.req/s ratio us-cpu/req ratio
base_p=$(echo "${PP[${CONFIGS[0]}]}" | median)
base_h=$(echo "${HT[${CONFIGS[0]}]}" | median)
base_c=$(echo "${HC[${CONFIGS[0]}]}" | median)
for c in "${CONFIGS[@]}"; do
    mp=$(echo "${PP[$c]}" | median)
    mh=$(echo "${HT[$c]}" | median)
    mc=$(echo "${HC[$c]}" | median)
    printf '%-26s %14.1f %7s %11.0f %7s %11.2f %7s\n' "$c" "$mp" "$(ratio "$mp" "$base_p")" \
        "$mh" "$(ratio "$mh" "$base_h")" "$mc" "$(ratio "$mc" "$base_c")"
done
