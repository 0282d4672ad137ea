#!/usr/bin/env bash
# Case grouping evaluation (issue 7, docs/cases.md "Evaluation"): makes a fresh synthetic archive, ingests each
# drive as its own source, runs `athar cases read` (analysis pass with the card reader, then grouping), and
# prints pairwise precision and recall of "same case" against the ground truth, with the card readings as
# recorded, with none, and with perfect readings from the ground truth, plus the time per photo.
# Output: "name: value" lines, like bench/eval-cases.sh, so the two can be concatenated.
#
#   bench/eval-grouping.sh                                  # 2,000 photos at 1024x768, seed 11
#   EVAL_PHOTOS=3000 EVAL_RESOLUTION=2048x1536 EVAL_SEED=5 bench/eval-grouping.sh
#   EVAL_DIR=/var/tmp/g bench/eval-grouping.sh              # keep the synthetic drives and archive there
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/ensure-native.sh"
photos="${EVAL_PHOTOS:-2000}"
resolution="${EVAL_RESOLUTION:-1024x768}"
seed="${EVAL_SEED:-11}"
work="${EVAL_DIR:-}"
if [[ -z "$work" ]]; then work="$(mktemp -d /var/tmp/athar-grouping.XXXXXX)"; trap 'rm -rf "$work"' EXIT; else rm -rf "$work"; mkdir -p "$work"; fi

dotnet build "$repo/src/Athar.Cli/Athar.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$repo/bench/Athar.GroupingEval/Athar.GroupingEval.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
athar=(dotnet "$repo/src/Athar.Cli/bin/Release/net10.0/athar.dll")

"${athar[@]}" synth --out "$work/drives" --photos "$photos" --resolution "$resolution" --seed "$seed" --json > "$work/synth.json"
"${athar[@]}" --archive "$work/archive" init > /dev/null
for drive in "$work"/drives/drive-*; do
  "${athar[@]}" --archive "$work/archive" ingest "$drive" --source "$(basename "$drive")" --json > /dev/null || true
done
items=$("${athar[@]}" --archive "$work/archive" --json status | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')
start=$(date +%s.%N)
"${athar[@]}" --archive "$work/archive" --json cases read > "$work/read.json"
end=$(date +%s.%N)

echo "grouping archive: $photos photos at $resolution, seed $seed, $items items"
python3 - "$work/read.json" "$start" "$end" "$items" <<'PY'
import json, sys
read = json.load(open(sys.argv[1])); seconds = float(sys.argv[3]) - float(sys.argv[2]); items = int(sys.argv[4])
print(f"cases read: {read['cases']} cases, {len(read['unassigned'])} photos in no case, {read['itemsAnalysed']} items analysed")
print(f"cases read time per item: {seconds / max(items, 1) * 1000:.1f} ms ({seconds:.1f} s for {items} items, analysis included)")
PY
dotnet "$repo/bench/Athar.GroupingEval/bin/Release/net10.0/Athar.GroupingEval.dll" --archive "$work/archive" \
  --ground-truth "$work/drives/ground-truth.json" --json > "$work/eval.json"
python3 - "$work/eval.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for r in data["results"]:
    o, a = r["originals"], r["withNearDuplicates"]
    print(f"grouping precision ({r['cards']} cards): {o['precision']:.4f}")
    print(f"grouping recall ({r['cards']} cards): {o['recall']:.4f}")
    print(f"grouping with near-duplicates ({r['cards']} cards): precision {a['precision']:.4f}, recall {a['recall']:.4f}; "
          f"{o['predictedCases']} cases for {o['trueCases']} true; {r['photosWithReading']} photos with a card reading; "
          f"grouping alone {r['groupingMs'] / max(data['items'], 1) * 1000:.1f} us per item")
PY
