#!/usr/bin/env bash
# HTTP overhead of the recorder with the JIT noise taken out: one long-lived server per
# configuration, all warmed up together, then short wrk runs alternating between them, so
# that drift on a shared machine (neighbours, thermal) hits every configuration alike and no
# round pays for JVM start-up or JIT compilation.
#
#   bench/http-paired.sh [rounds] [configs...]
#
# configs as in bench/overhead.sh: "none" (no agent) or agent option strings ("stacks=none").
# Default: 20 rounds of none and stacks=none. SERVERS=N (default 2) starts N servers per
# configuration and alternates over them too, because one JVM's JIT decisions can favour it.
# Each sample: wrk -t1 -c32 for WRK_SECONDS (default 3) after WARM_SECONDS (default 30) of load
# on every server. Prints each sample (req/s, server CPU µs per request), then per configuration
# the medians, and the median of the per-round ratios to the first configuration (the paired
# figure: each ratio compares samples taken seconds apart). Each round starts at the next
# configuration, so that none of them always runs first or right after another.
# Needs: ./mvnw -q -B -Pbench -pl bench -am package -DskipTests, wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh >/dev/null
. bench/wrk-sample.sh
ROUNDS=${1:-20}
shift || true
CONFIGS=("$@")
[ ${#CONFIGS[@]} -eq 0 ] && CONFIGS=(none stacks=none)
SERVERS=${SERVERS:-2}
WRK_SECONDS=${WRK_SECONDS:-3}
WARM_SECONDS=${WARM_SECONDS:-30}
JAR=bench/target/benchmarks.jar
AGENT=$PWD/recorder/target/vtrace-agent.jar
[ -f "$JAR" ] && [ -f "$AGENT" ] || { echo "build first: ./mvnw -q -B -Pbench -pl bench -am package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }
TMP=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$TMP"' EXIT

declare -A PORT PID
start() { # config index, server index
    local c=${CONFIGS[$1]} key="$1.$2" out="$TMP/server-$1-$2.out" agent=""
    [ "$c" != none ] && agent="-javaagent:$AGENT=file=$TMP/trace-%p.bin,$c"
    # shellcheck disable=SC2086
    java $agent -cp "$JAR" dev.vtrace.bench.OverheadWorkloads http 0 >"$out" 2>&1 &
    PID[$key]=$!
    PIDS+=($!)
    for _ in $(seq 200); do
        PORT[$key]=$(awk '/^listening/ {print $2}' "$out" 2>/dev/null || true)
        [ -n "${PORT[$key]}" ] && return
        sleep 0.1
    done
    echo "server $c did not start: $(cat "$out")" >&2
    exit 1
}

sample() { # key → "req/s cpu-us-per-request"
    wrk_sample "${PID[$1]}" "${PORT[$1]}" "$WRK_SECONDS"
}

for s in $(seq 0 $((SERVERS - 1))); do
    for i in "${!CONFIGS[@]}"; do start "$i" "$s"; done
done
echo "warming $((SERVERS * ${#CONFIGS[@]})) servers for ${WARM_SECONDS}s each"
for s in $(seq 0 $((SERVERS - 1))); do
    for i in "${!CONFIGS[@]}"; do
        wrk -t1 -c32 -d"${WARM_SECONDS}s" "http://127.0.0.1:${PORT[$i.$s]}/" >/dev/null
    done
done
uptime

declare -A RPS CPU RATIO_R RATIO_C
N=${#CONFIGS[@]}
for r in $(seq "$ROUNDS"); do
    s=$(( (r - 1) % SERVERS ))
    # each round starts at another configuration: none gets a fixed place in the order
    declare -A R_RPS=() R_CPU=()
    for k in $(seq 0 $((N - 1))); do
        i=$(( (k + r - 1) % N ))
        read -r rps cpu < <(sample "$i.$s")
        R_RPS[$i]=$rps
        R_CPU[$i]=$cpu
        printf 'round %2d server %d  %-22s %10s req/s %8s us-cpu/req\n' "$r" "$s" "${CONFIGS[$i]}" "$rps" "$cpu"
    done
    for i in "${!CONFIGS[@]}"; do
        RPS[$i]="${RPS[$i]:-} ${R_RPS[$i]}"
        CPU[$i]="${CPU[$i]:-} ${R_CPU[$i]}"
        RATIO_R[$i]="${RATIO_R[$i]:-} $(awk -v a="${R_RPS[$i]}" -v b="${R_RPS[0]}" 'BEGIN {printf "%.4f", a / b}')"
        RATIO_C[$i]="${RATIO_C[$i]:-} $(awk -v a="${R_CPU[$i]}" -v b="${R_CPU[0]}" 'BEGIN {printf "%.4f", a / b}')"
    done
done
uptime

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
printf '%-22s %11s %11s %17s %17s\n' config req/s us-cpu/req "paired req/s" "paired cpu/req"
for i in "${!CONFIGS[@]}"; do
    printf '%-22s %11.0f %11.2f %17s %17s\n' "${CONFIGS[$i]}" "$(echo "${RPS[$i]}" | median)" \
        "$(echo "${CPU[$i]}" | median)" "$(echo "${RATIO_R[$i]}" | median)" "$(echo "${RATIO_C[$i]}" | median)"
done
