#!/usr/bin/env bash
# The web app at scale: seeds a catalog of N synthetic items (default 1,000,000) with the fast loader in
# bench/Athar.WebLoad/Seed.cs, serves it on 127.0.0.1, and measures gallery pages (with filters) and item pages
# under C concurrent clients (default 8) for S seconds each (default 30). Prints a markdown table of p50/p95.
# Usage: bench/web.sh [ITEMS] [CLIENTS] [SECONDS]   (work folder: $ATHAR_BENCH_DIR, default /tmp/athar-web-bench)
# ATHAR_BENCH_REUSE=1 keeps a catalog this script seeded before in the work folder (a million items take about
# 15 minutes to seed), so runs before and after a change can be back to back on the same data.
# ATHAR_BENCH_PHASES=items (or gallery) measures one page kind only. ATHAR_BENCH_WEB_DLL serves another build of
# the web app (for example the code before a change, built elsewhere) against the same catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}; clients=${2:-8}; seconds=${3:-30}
dir=${ATHAR_BENCH_DIR:-/tmp/athar-web-bench}
port=${ATHAR_BENCH_PORT:-5098}
./scripts/ensure-native.sh
dotnet build bench/Athar.WebLoad -c Release -nologo -clp:ErrorsOnly
tool="dotnet bench/Athar.WebLoad/bin/Release/net10.0/Athar.WebLoad.dll"
if [ "${ATHAR_BENCH_REUSE:-0}" = 1 ] && [ -f "$dir/bench-password" ] && [ -f "$dir/archive/catalog.db" ]; then
  echo "reusing the catalog in $dir" >&2
  password=$(cat "$dir/bench-password")
else
  password="bench-password-$(date +%s)"
  echo "seeding $items items into $dir ..." >&2
  start=$(date +%s); $tool seed "$dir" "$items" bench "$password"; echo "seed: $(( $(date +%s) - start )) s" >&2
  (umask 077; echo "$password" >"$dir/bench-password")
fi
du -sh "$dir/archive/catalog.db" >&2
dotnet "${ATHAR_BENCH_WEB_DLL:-src/Athar.Web/bin/Release/net10.0/Athar.Web.dll}" --Athar:Archive "$dir/archive" --urls "http://127.0.0.1:$port" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/login" 2>/dev/null && break; sleep 0.2; done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB" >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2
$tool load "http://127.0.0.1:$port" bench "$password" "$items" "$seconds" "$clients"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2
