# Sourced by bench/overhead.sh and bench/http-paired.sh: one measured wrk run against a server.
#
#   wrk_sample PID PORT SECONDS   → prints "REQ/S CPU-US-PER-REQUEST"
#
# Throughput swings with whatever else shares the cores; the server's CPU time per request
# (utime + stime of the JVM, all threads, over the measured run) is the steadier figure.
wrk_sample() {
    local pid=$1 port=$2 seconds=$3 cpu0 cpu1 wout
    cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    wout=$(wrk -t1 -c32 -d"${seconds}s" "http://127.0.0.1:$port/")
    cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    echo "$wout" | awk -v ticks=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" '
        / requests in / {n = $1}
        /^Requests\/sec/ {rps = $2}
        END {printf "%s %.2f\n", rps, ticks * 1e6 / hz / n}'
}
