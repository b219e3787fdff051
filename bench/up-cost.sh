#!/usr/bin/env bash
# What ./pwa-users up costs on this machine: seconds from its start to its first 201, the resident memory of its
# JVM and of its function processes, and the latency of warm POSTs through its gateway (median and p99 of N, one
# kept-alive connection). It uses only ./pwa-users up, curl and /proc, so the same command measures any revision:
#
#   bench/up-cost.sh [N] [up's options...]     e.g.  bench/up-cost.sh 300 --no-snapstart
#
# One line of figures; docs/performance.md ("What up costs") quotes them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${1:-200}
shift || true
"$ROOT/pwa-users" up --help >/dev/null                     # builds first if sources changed: not timed
read -r API LAMBDA DYNAMODB < <(python3 -c 'import socket
s=[socket.socket() for _ in range(3)]
[x.bind(("127.0.0.1", 0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
DATA="$(mktemp -d)"
URL="http://127.0.0.1:$API/pwausers"
post() { curl -s -X POST -H 'Content-Type: application/json' -d '{"fname":"Mickey","lname":"Mouse"}' "$@"; }
start=$(date +%s%N)
"$ROOT/pwa-users" up --port "$API" --lambda-port "$LAMBDA" --dynamodb-port "$DYNAMODB" --data "$DATA" --no-reload \
  "$@" >"$DATA/up.log" 2>&1 &
UP=$!
trap 'kill $UP 2>/dev/null; wait $UP 2>/dev/null; rm -rf "$DATA"' EXIT
until [ "$(post -o /dev/null -w '%{http_code}' "$URL" 2>/dev/null || true)" = 201 ]; do
  kill -0 $UP 2>/dev/null || { cat "$DATA/up.log" >&2; exit 1; }
  sleep 0.05
done
first_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
# each function process's CPU (user + system, in clock ticks of 10 ms) at the first 201: its JVM's start and init
cpu_s() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat" 2>/dev/null || echo 0; }
functions=$(pgrep -P $UP -f Lifeline || true)
function_cpu=""
for pid in $functions; do function_cpu+="$(cpu_s "$pid") "; done
# N POSTs on one connection (curl reuses it from URL to URL), each one's total time
mapfile -t answers < <(post -w '%{http_code} %{time_total}\n' $(for _ in $(seq "$N"); do printf -- '-o /dev/null %s ' "$URL"; done))
mapfile -t times < <(printf '%s\n' "${answers[@]}" | awk '$1 == 201 {print $2}' | sort -n)
N=${#times[@]}
function_rss=""
for pid in $functions; do function_rss+="$(rss "$pid") "; done
printf 'first 201 after %.1f s; up JVM %s MiB; function processes (%s): %s MiB each, CPU to the first 201 %s s; warm POST median %.1f ms, p99 %.1f ms (%s POSTs answered 201)\n' \
  "$(echo "$first_ms / 1000" | bc -l)" "$(rss $UP)" "$(echo $functions | wc -w)" "${function_rss:-none}" "${function_cpu:-none}" \
  "$(echo "${times[$((N / 2))]} * 1000" | bc -l)" "$(echo "${times[$((N * 99 / 100))]} * 1000" | bc -l)" "$N"
