#!/usr/bin/env bash
# Victim-case evaluation (issue 7): makes a fresh synthetic archive and measures, against its ground truth,
#   - digit accuracy on the held-out MNIST half (goal >= 98%)
#   - the exact-read rate per card number: detainee, branch, report (goal >= 90% each)
#   - card reading time per photo
# Each measurement is one "name: value" line printed by bench/Athar.CaseEval; later measurements (case
# grouping precision and recall) add their own lines there.
#
#   bench/eval-cases.sh                          # 2,000 photos at 2048x1536, seed 11
#   EVAL_PHOTOS=3000 EVAL_SEED=5 bench/eval-cases.sh
#   EVAL_ARCHIVE=/tmp/synth bench/eval-cases.sh  # an archive already written by `athar synth`
#   EVAL_MISREADS=20 bench/eval-cases.sh         # also list the first misread photos
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/ensure-native.sh"
dotnet build "$repo/bench/Athar.CaseEval/Athar.CaseEval.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
args=(--photos "${EVAL_PHOTOS:-2000}" --seed "${EVAL_SEED:-11}" --width "${EVAL_WIDTH:-2048}" --height "${EVAL_HEIGHT:-1536}" --misreads "${EVAL_MISREADS:-0}")
if [[ -n "${EVAL_ARCHIVE:-}" ]]; then args+=(--archive "$EVAL_ARCHIVE"); fi
if [[ -n "${EVAL_THREADS:-}" ]]; then args+=(--threads "$EVAL_THREADS"); fi
exec dotnet "$repo/bench/Athar.CaseEval/bin/Release/net10.0/Athar.CaseEval.dll" "${args[@]}"
