#!/usr/bin/env bash
# Tier-1 evaluation (issue 5, "Done means"): a fresh synthetic archive with planted anomalies goes through
# init, ingest of every drive and analyze (the library calls behind those commands), then the findings are
# scored against its ground-truth.json; the genuine camera originals go through the same steps.
#
#   bench/eval-tier1.sh                                  # 2,000 photos at 1024x768, anomaly rate 0.15
#   EVAL_PHOTOS=300 EVAL_RESOLUTION=640x480 bench/eval-tier1.sh    # a quick look while developing
#   EVAL_DIR=/var/tmp/eval EVAL_KEEP=1 bench/eval-tier1.sh         # keep the archives for inspection
#
# Prints per planted anomaly type the recall (share of planted items with a finding of warning or above;
# goal 0.95 for resaved, foreign, stripped, clock, corrupt; clone and splice are tier 2 and printed as they
# are), near-duplicate grouping precision and recall, and the false-positive rate (share with a warning or
# above, goal at most 2%) on the clean synthetic photos and on ../shared/testdata/camera-originals, naming
# each false positive and its finding codes. Camera originals that really carry an editor's trace are listed
# in bench/eval/camera-originals-edited.tsv and counted apart. Exit 0 when every goal is met, 1 when not,
# 3 when the camera originals are missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="${EVAL_PHOTOS:-2000}"
resolution="${EVAL_RESOLUTION:-1024x768}"
anomalies="${EVAL_ANOMALIES:-0.15}"
seed="${EVAL_SEED:-20261122}"
camera="${CAMERA_ORIGINALS:-$repo/../shared/testdata/camera-originals}"
if [[ ! -d "$camera" ]]; then
  echo "eval-tier1: the camera originals are missing: $camera" >&2
  echo "  They come with the shared test data (../shared/testdata beside the repository, see its README.md);" >&2
  echo "  set CAMERA_ORIGINALS=DIR to point elsewhere." >&2
  exit 3
fi
work="${EVAL_DIR:-}"
if [[ -z "$work" ]]; then work="$(mktemp -d /var/tmp/athar-eval.XXXXXX)"; else mkdir -p "$work"; work="$(mktemp -d "$work/athar-eval.XXXXXX")"; fi
[[ "${EVAL_KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT

"$repo/scripts/ensure-native.sh"
echo "== build (Release, once)"
dotnet build "$repo/bench/Athar.Eval/Athar.Eval.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg), dotnet $(dotnet --version)"
start=$(date +%s)
status=0
dotnet "$repo/bench/Athar.Eval/bin/Release/net10.0/Athar.Eval.dll" tier1 --work "$work" --photos "$photos" --resolution "$resolution" --anomalies "$anomalies" --seed "$seed" \
  --camera-originals "$camera" --known-edited "$repo/bench/eval/camera-originals-edited.tsv" || status=$?
echo "== done in $(( $(date +%s) - start )) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
