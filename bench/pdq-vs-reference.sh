#!/usr/bin/env bash
# Compares `athar pdq` with Meta's reference hasher (pdq-photo-hasher) on a set of JPEGs: Hamming distance
# per file, max and mean for quality >= 80, and ms per photo for each. Fetches nothing and commits nothing.
#
#   PDQ_REFERENCE=/path/to/pdq-photo-hasher bench/pdq-vs-reference.sh [FOLDER]
#
# FOLDER defaults to ../shared/testdata/pdq. Without the reference binary the script says how to build it
# and exits 0. Needs python3 for the distance arithmetic.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder="${1:-$here/../shared/testdata/pdq}"
ref="${PDQ_REFERENCE:-}"

if [ -z "$ref" ] || [ ! -x "$ref" ]; then
  cat <<'HOW'
PDQ_REFERENCE is not set to an executable pdq-photo-hasher; nothing compared.
Build it outside this repository from facebook/ThreatExchange (pdq/cpp; Athar's test data used commit baefb4e):
  git clone https://github.com/facebook/ThreatExchange /tmp/ThreatExchange
  cd /tmp/ThreatExchange/pdq/cpp
  g++ -std=c++11 -O3 -I../.. -I. -Dcimg_use_jpeg -o /tmp/pdq-photo-hasher \
      bin/pdq-photo-hasher.cpp common/pdqhashtypes.cpp io/hashio.cpp common/pdqhamming.cpp \
      hashing/pdqhashing.cpp downscaling/downscaling.cpp io/pdqio.cpp hashing/torben.cpp common/pdqutils.cpp \
      -ljpeg -lm -lpthread
  (-Dcimg_use_jpeg makes CImg decode with libjpeg, as for pdq/expected-reference.csv; needs libjpeg-dev.)
Then: PDQ_REFERENCE=/tmp/pdq-photo-hasher bench/pdq-vs-reference.sh [FOLDER]
HOW
  exit 0
fi

mapfile -d '' files < <(find "$folder" -type f \( -iname '*.jpg' -o -iname '*.jpeg' \) -print0 | sort -z)
[ "${#files[@]}" -gt 0 ] || { echo "no JPEGs under $folder" >&2; exit 1; }
"$here/athar" --help >/dev/null # builds once, outside the timings
dll="$here/src/Athar.Cli/bin/Release/net10.0/athar.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

timed() { # timed NAME COMMAND...: stdout to $work/NAME.csv, seconds to $work/NAME.s
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/$name.csv" 2>"$work/$name.err" || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l >"$work/$name.s"
}

timed reference "$ref" -k "${files[@]}"
timed scaled dotnet "$dll" pdq "${files[@]}"
timed full dotnet "$dll" pdq --full-decode "${files[@]}"

python3 - "$work" "${#files[@]}" <<'PY'
import sys, os
work, count = sys.argv[1], int(sys.argv[2])
def load(name):
    rows = {}
    for line in open(os.path.join(work, name + ".csv")):
        h, q, p = line.rstrip("\n").split(",", 2)
        rows[p] = (int(h, 16), int(q))
    return rows
ref = load("reference")
print(f"{count} files; {len(ref)} hashed by the reference")
for name in ("scaled", "full"):
    ours = load(name)
    d = [bin(ours[p][0] ^ h).count("1") for p, (h, q) in ref.items() if q >= 80 and p in ours]
    worst = sorted(((bin(ours[p][0] ^ h).count("1"), p) for p, (h, q) in ref.items() if q >= 80 and p in ours), reverse=True)[:3]
    secs = float(open(os.path.join(work, name + ".s")).read())
    print(f"athar pdq ({name}): {len(ours)} hashed; quality>=80: n={len(d)} max={max(d) if d else 0} "
          f"mean={sum(d)/len(d) if d else 0:.2f}; {1000*secs/count:.1f} ms/photo (whole process, {os.cpu_count()} cores)")
    for dist, p in worst:
        print(f"    {dist:3d} {p}")
secs = float(open(os.path.join(work, "reference.s")).read())
print(f"reference pdq-photo-hasher: {1000*secs/count:.1f} ms/photo (whole process, one thread)")
PY
